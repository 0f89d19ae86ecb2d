import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { functions } from '#functions/manifest';

// unit: the module boundaries. Each bounded context is one folder under functions/; another context may use it only
// through its public module (index.ts); shared code knows no context; domain rules are pure.

const root = resolve(__dirname, '..', '..');

/**
 * Composition roots wire contexts together: the Lambda entry points (they may wire one context's port to another's
 * public module, e.g. what ends with a partnership) and the files that assemble every context's declarations.
 */
const entryPoints = functions.map((fn) => fn.entry);
const compositionRoots = [
  ...entryPoints,
  'functions/manifest.ts',
  'functions/catalog.ts',
  'functions/policy.ts',
  'functions/entities.ts',
  'functions/platform/all-routes.ts',
  'functions/platform/notifications/templates.ts',
];
/** What a composition root may take from a context besides its public module. */
const declarations = /^(events|policy|entities|notifications|routes[\w-]*|api)\.ts$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file imports (static, dynamic and re-exports), as a path relative to the root, or a package. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((spec) => {
    if (spec.startsWith('#')) {
      const [alias, ...rest] = spec.slice(1).split('/');
      return `${alias}/${rest.join('/')}.ts`;
    }
    if (spec.startsWith('.'))
      return relative(root, resolve(dirname(join(root, file)), spec)).replace(/(\.ts)?$/, '.ts');
    return spec;
  });
}

const contextOf = (path: string) => /^functions\/([^/]+)\//.exec(path)?.[1];

const files = ['functions', 'shared', 'events', 'infra'].flatMap(sourceFiles);
const edges = files.flatMap((from) => importsOf(from).map((to) => ({ from, to })));

describe('module boundaries', () => {
  it('finds the code it checks', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(edges.filter((e) => contextOf(e.to) && contextOf(e.from) !== contextOf(e.to)).length).toBeGreaterThan(10);
  });

  it('lets a context reach another only through its public module (index.ts)', () => {
    const reaches = edges.filter(({ from, to }) => {
      const source = contextOf(from);
      const target = contextOf(to);
      if (!target || !source || source === target) return false;
      if (to === `functions/${target}/index.ts`) return false;
      if (compositionRoots.includes(from) && declarations.test(to.slice(`functions/${target}/`.length))) return false;
      return true;
    });
    expect(reaches.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('keeps contexts out of shared code and the event machinery', () => {
    const upward = edges.filter(
      ({ from, to }) => (from.startsWith('shared/') || from.startsWith('events/')) && to.startsWith('functions/'),
    );
    expect(upward.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('keeps domain rules pure: no database, no HTTP, no AWS SDK', () => {
    const impure = edges.filter(
      ({ from, to }) =>
        (/^functions\/[^/]+\/domain\//.test(from) || from.startsWith('functions/supply/forecasting/')) &&
        (to.startsWith('shared/db/') || to.startsWith('shared/http/') || to.startsWith('@aws-sdk/')),
    );
    expect(impure.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('has no cycle between contexts', () => {
    const graph = new Map<string, Set<string>>();
    for (const { from, to } of edges) {
      const a = contextOf(from);
      const b = contextOf(to);
      if (a && b && a !== b && !compositionRoots.includes(from)) graph.set(a, (graph.get(a) ?? new Set()).add(b));
    }
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      for (const next of graph.get(node) ?? []) {
        if (next === path[0]) cycles.push([...path, next].join(' -> '));
        else if (!path.includes(next) && next > path[0]!) visit(next, [...path, next]);
      }
    };
    for (const node of graph.keys()) visit(node, [node]);
    expect(cycles).toEqual([]);
  });
});
