import type { z } from 'zod';
import { ValidationError, type FieldError } from '#shared/errors';

/** Parses `value` with `schema`; on failure a 400 whose errors name every offending field. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, where: 'path' | 'query' | 'body'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(`The request ${where === 'path' ? 'path' : where} has invalid fields`, {
    errors: fieldErrors(result.error, where),
  });
}

export function fieldErrors(error: z.ZodError, where: string): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = [where, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...base, key].join('.'), message: 'unknown field' }));
    }
    return [{ path: base.join('.'), message: issue.message }];
  });
}
