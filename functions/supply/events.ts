import * as z from 'zod';
import { defineEvent } from '#events/envelope';
import { sources } from '#events/sources';

// The supply context's events: source and detail-type constants with a zod schema for each detail's data.

export const ProductCreated = defineEvent(
  sources.supply,
  'ProductCreated',
  z.object({
    product: z.object({ sku: z.string(), name: z.string(), family: z.string(), leadTimeDays: z.number().int() }),
  }),
);

export const InventoryLevelChanged = defineEvent(
  sources.supply,
  'InventoryLevelChanged',
  z.object({
    sku: z.string(),
    location: z.string(),
    onHand: z.number(),
    allocated: z.number(),
    available: z.number(),
    version: z.number().int(),
  }),
);

export const SalesReported = defineEvent(
  sources.supply,
  'SalesReported',
  z.object({
    skus: z.array(z.string()),
    periods: z.array(z.string()),
    accepted: z.number().int(),
    replaced: z.number().int(),
  }),
);

export const ForecastCommitted = defineEvent(
  sources.supply,
  'ForecastCommitted',
  z.object({
    sku: z.string(),
    granularity: z.enum(['week', 'month']),
    version: z.number().int(),
    periods: z.number().int(),
  }),
);

export const DemandShiftDetected = defineEvent(
  sources.supply,
  'DemandShiftDetected',
  z.object({
    sku: z.string(),
    granularity: z.enum(['week', 'month']),
    alertId: z.string(),
    /** `outside-interval` (2 consecutive actuals outside the 95 % interval) and/or `level-shift`. */
    signals: z.array(z.enum(['outside-interval', 'level-shift'])),
    periods: z.array(z.string()),
    levelBefore: z.number().optional(),
    levelAfter: z.number().optional(),
    detail: z.string(),
  }),
);

export const CoverBelowLeadTime = defineEvent(
  sources.supply,
  'CoverBelowLeadTime',
  z.object({
    sku: z.string(),
    location: z.string(),
    alertId: z.string(),
    available: z.number(),
    dailyDemand: z.number(),
    daysOfCover: z.number(),
    leadTimeDays: z.number().int(),
    suggestedReplenishment: z.number().int(),
    /** Network cover (no partner on the event): how many partners' demand the location serves. */
    partnersServed: z.number().int().optional(),
  }),
);

// ------------------------------------------------------------------------------------------ collaboration

/** Every event this context emits. */
export const supplyEvents = [
  ProductCreated,
  InventoryLevelChanged,
  SalesReported,
  ForecastCommitted,
  DemandShiftDetected,
  CoverBelowLeadTime,
];
