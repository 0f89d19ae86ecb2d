/**
 * The EventBridge source of each context's events. Events are contracts: each context declares its own (in
 * `functions/<context>/events.ts`, constants plus a zod schema), validated when written to the outbox and again by
 * every consumer.
 */
export const sources = {
  partners: 'accord.partners',
  agreements: 'accord.agreements',
  performance: 'accord.performance',
  supply: 'accord.supply',
  collaboration: 'accord.collaboration',
  platform: 'accord.platform',
} as const;
