export const vendorRoles = ['admin', 'manager'] as const;
export const partnerRoles = ['partner-admin', 'partner-user'] as const;
export const roles = [...vendorRoles, ...partnerRoles] as const;

export type VendorRole = (typeof vendorRoles)[number];
export type PartnerRole = (typeof partnerRoles)[number];
export type Role = (typeof roles)[number];

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);
export const isPartnerRole = (role: Role): role is PartnerRole => (partnerRoles as readonly string[]).includes(role);
