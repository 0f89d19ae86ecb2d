import type { z } from 'zod';
import type { Permission } from '#shared/auth/policy';
import type { Principal } from '#shared/auth/principal';
import type { OperationContext } from '#shared/context';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** `METHOD /path/{param}` exactly as API Gateway HTTP API route keys are written. */
export type RouteKey = `${HttpMethod} /${string}`;

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
  /** The media type of a body that is not JSON (`text/calendar`); its schema is then a string. */
  contentType?: string;
}

/**
 * Another URL form one route answers, documented as an operation of its own so a client sees what it returns:
 * `{checkInId}.ics` is served by the check-in route (API Gateway path variables are whole segments).
 */
export interface RouteVariant {
  path: string;
  operationId: string;
  summary: string;
  description: string;
  /** The path parameters as this form spells them, when they differ from the route's. */
  params?: z.ZodType;
  etag?: boolean;
  responses: Record<number, ResponseDoc>;
}

interface RouteFields<P, Q, B, BI> {
  method: HttpMethod;
  path: string;
  /** What a client generator names the method: short, unique, a verb and a noun (`updatePartner`). */
  operationId: string;
  summary: string;
  /** What a partner developer needs beyond the summary: the rules that apply. Who may call it is added from the policy. */
  description: string;
  /** The context's tag (the document defines each one). */
  tags: string[];
  /** `public` skips authentication (health, the OpenAPI document). */
  access: Permission | 'public';
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B, BI>;
  /**
   * The body as documented, where `body` is looser on purpose: batches whose items are checked one by one (a bad
   * item is reported, not the batch refused) validate the envelope only, and document the item.
   */
  bodyDoc?: z.ZodType;
  /** A body a client could send; a test parses it with `body` (and `bodyDoc`), so it cannot rot. */
  example?: unknown;
  /**
   * Whether a success carries `ETag`. By default: when the success schema has a top-level `version` (the handler
   * then answers with that version); set it where the handler's answer says otherwise.
   */
  etag?: boolean;
  /** Other URL forms this route answers, e.g. a `.ics` file. */
  variants?: RouteVariant[];
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

/** A route; one that takes a body must show an example of it. */
export type RouteDef<P = unknown, Q = unknown, B = unknown, BI = unknown> = RouteFields<P, Q, B, BI> &
  ([B] extends [undefined] ? unknown : { example: NoInfer<BI> });

/** Declares a route with its input types inferred from its schemas. */
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined, BI = undefined>(
  definition: RouteDef<P, Q, B, BI>,
): RouteDef<P, Q, B, BI> {
  return definition;
}

// A route table holds routes of many input types; each handler still gets what its own schemas parsed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- type-erased on purpose (RouteDef is invariant in P, Q, B)
export type AnyRoute = RouteDef<any, any, any, any>;

export const routeKey = (r: Pick<AnyRoute, 'method' | 'path'>): RouteKey => `${r.method} ${r.path}` as RouteKey;

export const ok = (body: unknown, version?: number): Result => ({ status: 200, body, ...(version ? { version } : {}) });
export const created = (body: unknown, location: string, version?: number): Result => ({
  status: 201,
  body,
  headers: { Location: location },
  ...(version ? { version } : {}),
});
export const noContent = (): Result => ({ status: 204 });
