/**
 * One Idempotency-Key per distinct request: a retry of the same body (a lost answer, a double click) reuses it and
 * writes nothing twice; a corrected body after an error is a new request with a new key.
 */
export function idempotencyKeyFor(memory: { body?: string; key?: string }, body: unknown): string {
  const text = JSON.stringify(body);
  if (memory.body !== text || !memory.key) {
    memory.body = text;
    memory.key = crypto.randomUUID();
  }
  return memory.key;
}
