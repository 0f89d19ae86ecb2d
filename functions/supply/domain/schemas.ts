import * as z from 'zod';
import { EntityMeta, Id, PageQuery, Timestamp, text } from '#shared/domain/common';
import { granularityOf, isValidPeriod } from '#functions/supply/domain/period';

/**
 * The supply context's API shapes: products, inventory levels, sell-through records, partner forecast commits
 * and what the forecast job stores. Types come from these schemas.
 */

/** SKUs and locations are path segments and key parts: letters, digits, `.`, `_`, `-` (no `#`, no `/`). */
export const Sku = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-"');
export const Location = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-"');
export const GranularitySchema = z.enum(['week', 'month']);
export const Period = z
  .string()
  .max(10)
  .refine(isValidPeriod, 'must be an ISO week such as 2026-W48 or a month such as 2026-11');

// ---------------------------------------------------------------------------------------------- products

export const CreateProductInput = z.strictObject({
  sku: Sku,
  name: text(200),
  family: text(100),
  unit: text(20),
  leadTimeDays: z.number().int().min(0).max(365),
});
export type CreateProductInput = z.infer<typeof CreateProductInput>;
export const UpdateProductInput = CreateProductInput.omit({ sku: true })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');
export type UpdateProductInput = z.infer<typeof UpdateProductInput>;
export const ProductSchema = CreateProductInput.extend({ ...EntityMeta });
export type Product = z.infer<typeof ProductSchema>;
export const ListProductsQuery = z.strictObject({ family: text(100).optional(), ...PageQuery });

// ---------------------------------------------------------------------------------------------- inventory

/**
 * Who besides the vendor sees a level: `none` (vendor only, the default), `all` partners, or the listed
 * partners. The partners a location is shared with are also the demand it serves (days of cover).
 */
export const SharedWith = z.union([z.enum(['none', 'all']), z.array(Id).min(1).max(100)]);
export type SharedWith = z.infer<typeof SharedWith>;

export const Inbound = z.strictObject({
  qty: z.number().int().positive().max(1e9),
  eta: z.iso.date(),
});

export const PutInventoryInput = z.strictObject({
  onHand: z.number().int().min(0).max(1e9),
  allocated: z.number().int().min(0).max(1e9),
  inbound: z.array(Inbound).max(50).default([]),
  sharedWith: SharedWith.default('none'),
});
export type PutInventoryInput = z.infer<typeof PutInventoryInput>;
export const InventoryParams = z.strictObject({ sku: Sku, location: Location });
export const ProductParams = z.strictObject({ sku: Sku });

export const InventoryLevelSchema = z.object({
  sku: Sku,
  location: Location,
  onHand: z.number().int(),
  allocated: z.number().int(),
  /** onHand - allocated (negative when allocations exceed the stock: a backorder). */
  available: z.number().int(),
  inbound: z.array(Inbound),
  /** Vendor only: partners see their own view without it. */
  sharedWith: SharedWith.optional(),
  ...EntityMeta,
});
export type InventoryLevel = z.infer<typeof InventoryLevelSchema>;
export const ListInventoryQuery = z.strictObject({ sku: Sku.optional(), location: Location.optional(), ...PageQuery });

// ---------------------------------------------------------------------------------------------- sell-through

export const MAX_SALES_RECORDS = 500;
export const SalesRecord = z.strictObject({
  sku: Sku,
  period: Period,
  units: z.number().int().min(0).max(1e9),
});
export type SalesRecord = z.infer<typeof SalesRecord>;
/** Records are checked one by one (a bad record is rejected, the rest are stored), so only the envelope is strict. */
export const SalesInput = z.strictObject({ records: z.array(z.unknown()).min(1).max(MAX_SALES_RECORDS) });
export const SalesSummarySchema = z.object({
  accepted: z.number().int(),
  replaced: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), error: z.string() })),
});
export const SeriesParams = z.strictObject({ partnerId: Id, sku: Sku });
export const SalesQuery = z.strictObject({
  granularity: GranularitySchema.default('month'),
  from: Period.optional(),
  to: Period.optional(),
  ...PageQuery,
});
export const SalesPointSchema = z.object({
  sku: Sku,
  period: z.string(),
  units: z.number(),
  reportedAt: Timestamp,
  reportedBy: z.string(),
});

// ---------------------------------------------------------------------------------------------- partner commits

export const CommitInput = z
  .strictObject({
    granularity: GranularitySchema,
    periods: z
      .array(z.strictObject({ period: Period, units: z.number().min(0).max(1e9) }))
      .min(1)
      .max(104),
    note: text(500).optional(),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.periods.forEach((p, i) => {
      if (granularityOf(p.period) !== input.granularity) {
        ctx.addIssue({
          code: 'custom',
          path: ['periods', i, 'period'],
          message: `must be a ${input.granularity} period`,
        });
      }
      if (seen.has(p.period))
        ctx.addIssue({ code: 'custom', path: ['periods', i, 'period'], message: 'appears twice' });
      seen.add(p.period);
    });
  });
export type CommitInput = z.infer<typeof CommitInput>;

export const CommitSchema = z.object({
  partnerId: Id,
  sku: Sku,
  granularity: GranularitySchema,
  periods: z.array(z.object({ period: z.string(), units: z.number() })),
  note: z.string().optional(),
  committedAt: Timestamp,
  committedBy: z.string(),
  ...EntityMeta,
});
export type Commit = z.infer<typeof CommitSchema>;

// ---------------------------------------------------------------------------------------------- forecasts

export const ForecastQuery = z.strictObject({ granularity: GranularitySchema.default('month') });
export const SummaryQuery = z.strictObject({
  sku: Sku.optional(),
  period: Period.optional(),
  granularity: GranularitySchema.default('month'),
  ...PageQuery,
});

const StatPoint = z.object({
  period: z.string(),
  point: z.number(),
  lo80: z.number(),
  hi80: z.number(),
  lo95: z.number(),
  hi95: z.number(),
});
export const StatForecastSchema = z.object({
  /** The last period of history the model was fitted on. */
  origin: z.string(),
  model: z.string(),
  mase: z.number().nullable(),
  smape: z.number().nullable(),
  points: z.array(StatPoint),
  notes: z.array(z.string()),
  fittedAt: Timestamp,
});
export type StatForecast = z.infer<typeof StatForecastSchema>;

export const WeightsSchema = z.object({
  stat: z.number(),
  partner: z.number(),
  periods: z.number().int(),
  statMae: z.number().nullable(),
  partnerMae: z.number().nullable(),
  valueAdded: z.number().nullable(),
  basis: z.enum(['track-record', 'default']),
});

export const ConsensusSchema = z.object({
  origin: z.string(),
  commitVersion: z.number().int().optional(),
  weights: WeightsSchema,
  points: z.array(
    z.object({ period: z.string(), units: z.number(), stat: z.number(), partner: z.number().optional() }),
  ),
  computedAt: Timestamp,
});

export const ForecastViewSchema = z.object({
  partnerId: Id,
  sku: Sku,
  granularity: GranularitySchema,
  history: z.array(z.object({ period: z.string(), units: z.number() })),
  commit: CommitSchema.optional(),
  commitHistory: z.array(CommitSchema.pick({ version: true, committedAt: true, committedBy: true, periods: true })),
  statistical: StatForecastSchema.optional(),
  consensus: ConsensusSchema.optional(),
});

export const SummaryRowSchema = z.object({
  sku: Sku,
  period: z.string(),
  partners: z.number().int(),
  statistical: z.number(),
  committed: z.number(),
  consensus: z.number(),
  /** committed - statistical over the partners that committed for this period. */
  gap: z.number(),
  gapPercent: z.number().nullable(),
});
