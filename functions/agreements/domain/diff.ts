/**
 * Field-level diff of two term documents. Lists whose items have an identity are matched by it (an SLA by
 * kind and metric, a clause by title), so reordering is not a change and a changed target reads as
 * `slas[ratio:tickets.answered_4h].target`; other lists compare by position.
 */
export interface TermChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  from?: unknown;
  to?: unknown;
}

const identities: Record<string, (item: Record<string, unknown>) => string> = {
  slas: (sla) => `${String(sla.kind)}:${String(sla.metric)}`,
  clauses: (clause) => String(clause.title),
};

export function diffTerms(from: unknown, to: unknown): TermChange[] {
  const changes: TermChange[] = [];
  walk(from, to, '', changes);
  return changes;
}

function walk(a: unknown, b: unknown, path: string, out: TermChange[]): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) return void out.push({ path, change: 'added', to: b });
  if (b === undefined) return void out.push({ path, change: 'removed', from: a });
  if (Array.isArray(a) && Array.isArray(b)) return walkArray(a, b, path, out);
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      walk(a[key], b[key], path ? `${path}.${key}` : key, out);
    }
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, change: 'changed', from: a, to: b });
}

function walkArray(a: unknown[], b: unknown[], path: string, out: TermChange[]): void {
  const field = path.split('.').pop() ?? '';
  const identity = identities[field];
  if (identity && a.every(isObject) && b.every(isObject)) {
    const before = new Map(a.map((item) => [identity(item), item]));
    const after = new Map(b.map((item) => [identity(item), item]));
    for (const id of new Set([...before.keys(), ...after.keys()]))
      walk(before.get(id), after.get(id), `${path}[${id}]`, out);
    return;
  }
  for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`, out);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
