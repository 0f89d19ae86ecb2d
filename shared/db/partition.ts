/**
 * The partitions objects of several contexts share. Every item a partner owns sits in its partner's partition, so a
 * partner principal is confined by key construction; objects of no single partner (vendor-wide audit entries,
 * program alerts) sit in the vendor's. Each entity builds its own sort key.
 */
export const VENDOR_SCOPE = 'vendor';

export const partnerPartition = (partnerId: string): string => `P#${partnerId}`;

/** A partner's partition, or the vendor's own for `VENDOR_SCOPE`. */
export const scopePartition = (scope: string): string => (scope === VENDOR_SCOPE ? 'VENDOR' : partnerPartition(scope));
