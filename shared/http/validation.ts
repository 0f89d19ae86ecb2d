import type { z } from 'zod';
import { fieldErrors, ValidationError } from '#shared/errors';

/** Parses `value` with `schema`; on failure a 400 whose errors name every offending field. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, where: 'path' | 'query' | 'body'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(`The request ${where === 'path' ? 'path' : where} has invalid fields`, {
    errors: fieldErrors(result.error, where),
  });
}
