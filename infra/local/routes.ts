import type { HttpFunction, RouteKey } from '#functions/manifest';

/**
 * Route matching as the HTTP API does it: route keys `METHOD /path/{param}` (and `{proxy+}` greedy tails,
 * `ANY` methods), compared segment by segment; when several routes match, the most specific wins
 * (a literal segment beats a parameter, a parameter beats a greedy tail).
 */

type Segment = { kind: 'literal'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

export interface CompiledRoute {
  routeKey: RouteKey;
  method: string;
  segments: Segment[];
  fn: HttpFunction;
  /** Skips the JWT authorizer (manifest `publicRoutes`). */
  isPublic: boolean;
}

export interface RouteMatch {
  route: CompiledRoute;
  pathParameters: Record<string, string>;
}

export function compileRoutes(functions: HttpFunction[]): CompiledRoute[] {
  const seen = new Map<string, string>();
  const routes: CompiledRoute[] = [];
  for (const fn of functions) {
    const publicRoutes = new Set<string>(fn.publicRoutes ?? []);
    for (const routeKey of fn.routes) {
      const owner = seen.get(routeKey);
      if (owner) throw new Error(`route ${routeKey} is declared by both ${owner} and ${fn.name}`);
      seen.set(routeKey, fn.name);
      const [method, path] = splitRouteKey(routeKey);
      routes.push({ routeKey, method, segments: compilePath(path), fn, isPublic: publicRoutes.has(routeKey) });
    }
    for (const routeKey of publicRoutes) {
      if (!(fn.routes as string[]).includes(routeKey)) {
        throw new Error(`${fn.name}: public route ${routeKey} is not one of its routes`);
      }
    }
  }
  return routes;
}

export function matchRoute(routes: CompiledRoute[], method: string, rawPath: string): RouteMatch | undefined {
  const parts = rawPath.split('/').slice(1);
  let best: { match: RouteMatch; rank: number[] } | undefined;
  for (const route of routes) {
    if (route.method !== method && route.method !== 'ANY') continue;
    const pathParameters = matchSegments(route.segments, parts);
    if (!pathParameters) continue;
    const rank = [...route.segments.map(specificity), route.method === 'ANY' ? 0 : 1];
    if (!best || compareRanks(rank, best.rank) > 0) best = { match: { route, pathParameters }, rank };
  }
  return best?.match;
}

function splitRouteKey(routeKey: string): [string, string] {
  const space = routeKey.indexOf(' ');
  return [routeKey.slice(0, space), routeKey.slice(space + 1)];
}

function compilePath(path: string): Segment[] {
  return path
    .split('/')
    .slice(1)
    .map((part, i, all): Segment => {
      const param = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/.exec(part);
      if (!param) return { kind: 'literal', value: part };
      const name = param[1] ?? '';
      if (param[2] && i !== all.length - 1) throw new Error(`greedy {${name}+} must be the last segment of ${path}`);
      return param[2] ? { kind: 'greedy', name } : { kind: 'param', name };
    });
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const part = parts[i];
    if (segment === undefined) return undefined;
    if (segment.kind === 'greedy') {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.join('') === '') return undefined;
      params[segment.name] = decode(rest.join('/'));
      return params;
    }
    if (part === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (decode(part) !== segment.value) return undefined;
    } else {
      // An empty segment (`/v1/partners//users`) does not fill a parameter.
      if (part === '') return undefined;
      params[segment.name] = decode(part);
    }
  }
  return parts.length === segments.length ? params : undefined;
}

const specificity = (segment: Segment): number => (segment.kind === 'literal' ? 3 : segment.kind === 'param' ? 2 : 1);

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Path parameters arrive decoded; a malformed escape is passed through as written rather than failing. */
function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
