import type { z } from 'zod';
import type { Action } from '#shared/auth/policy';
import type { Principal } from '#shared/auth/principal';
import type { OperationContext } from '#shared/context';
import type { HttpMethod, RouteKey } from '#functions/manifest';

/** What a route handler receives: validated input and the operation context. */
export interface Request<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal;
  ctx: OperationContext;
  /**
   * The version named by If-Match (routes with `ifMatch`). 0 when an `ifMatch: 'create-or-replace'` route
   * was called without it: the caller has read nothing, so the resource must not exist yet.
   */
  ifMatch: number;
}

export interface Result {
  status: number;
  body?: unknown;
  /** Sets ETag to `"<version>"`. */
  version?: number;
  headers?: Record<string, string>;
  /** A body that is not JSON (e.g. `text/calendar`): `body` is then sent as the string it is. */
  contentType?: string;
}

export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
}

export interface RouteDef<P = unknown, Q = unknown, B = unknown> {
  method: HttpMethod;
  path: string;
  summary: string;
  tags: string[];
  /** `public` skips authentication (health, the OpenAPI document). */
  access: Action | 'public';
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /**
   * `true`: If-Match is required (428 without it, 412 when stale). `'create-or-replace'` (PUT): without it the
   * request creates, and the use case answers 428 if the resource exists; with it, it replaces that version.
   */
  ifMatch?: boolean | 'create-or-replace';
  /** A body limit of the route's own, when its largest valid body exceeds the general one (`MAX_BODY_BYTES`). */
  maxBodyBytes?: number;
  responses: Record<number, ResponseDoc>;
  handler: (request: Request<P, Q, B>) => Promise<Result>;
}

/** Declares a route with its input types inferred from its schemas. */
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  definition: RouteDef<P, Q, B>,
): RouteDef<P, Q, B> {
  return definition;
}

export type AnyRoute = RouteDef<any, any, any>;

export const routeKey = (r: Pick<AnyRoute, 'method' | 'path'>): RouteKey => `${r.method} ${r.path}` as RouteKey;

export const ok = (body: unknown, version?: number): Result => ({ status: 200, body, ...(version ? { version } : {}) });
export const created = (body: unknown, location: string, version?: number): Result => ({
  status: 201,
  body,
  headers: { Location: location },
  ...(version ? { version } : {}),
});
export const noContent = (): Result => ({ status: 204 });
