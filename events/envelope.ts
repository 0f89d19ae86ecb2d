import * as z from 'zod';

/** A domain event's contract: where it comes from, what it is called, and the shape of its data. */
export interface EventDefinition<D extends z.ZodType = z.ZodType> {
  source: string;
  detailType: string;
  data: D;
}

export function defineEvent<D extends z.ZodType>(source: string, detailType: string, data: D): EventDefinition<D> {
  return { source, detailType, data };
}

export const ActorSchema = z.object({
  sub: z.string(),
  role: z.string(),
  partnerId: z.string().optional(),
});

/** The envelope every event detail carries. */
export function envelopeSchema<D extends z.ZodType>(data: D) {
  return z.object({
    eventId: z.string(),
    occurredAt: z.iso.datetime(),
    /** The partner the event concerns; absent for vendor-wide events. */
    partnerId: z.string().optional(),
    actor: ActorSchema,
    data,
  });
}

export type Envelope<D> = {
  eventId: string;
  occurredAt: string;
  partnerId?: string;
  actor: z.infer<typeof ActorSchema>;
  data: D;
};
