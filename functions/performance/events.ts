import * as z from 'zod';
import { defineEvent } from '#events/envelope';
import { sources } from '#events/sources';

// The performance context's events: source and detail-type constants with a zod schema for each detail's data.

export const MetricsIngested = defineEvent(
  sources.performance,
  'MetricsIngested',
  z.object({ metrics: z.array(z.string()), from: z.string(), to: z.string(), points: z.number().int() }),
);

/** Every event this context emits. */
export const performanceEvents = [MetricsIngested];
