/**
 * The typed API client: paths and bodies from `schema.d.ts` (generated from the API's OpenAPI document), calls to
 * the same origin's `/v1` (so no CORS), the session's bearer token on every call, and every problem+json answer
 * turned into an `ApiError` the screens can show (its `detail`, and `errors[]` at the fields they name).
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { currentSession, signOut } from '../session';

export type Problem = components['schemas']['Problem'];

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: { path: string; message: string }[];

  constructor(problem: Partial<Problem> & { status: number }) {
    const title = problem.title ?? `HTTP ${problem.status}`;
    super(problem.detail ? `${title}: ${problem.detail}` : title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.title = title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }

  /** The message for one field (`body.name`), for a form to show beside it. */
  fieldError(path: string): string | undefined {
    return this.errors.find((e) => e.path === path)?.message;
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const session = currentSession();
    if (session) request.headers.set('authorization', `Bearer ${session.token}`);
    return request;
  },
  async onResponse({ response }) {
    if (response.ok) return response;
    // The authorizer refused the token (expired, or from an issuer that restarted with new keys): sign out.
    if (response.status === 401 && currentSession()) signOut('rejected');
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => undefined);
    const problem = (body ?? {}) as Partial<Problem>;
    // API Gateway's own 401/404 bodies are `{ "message": ... }`, not problem+json.
    const message = (body as { message?: unknown } | undefined)?.message;
    throw new ApiError({
      ...problem,
      status: response.status,
      title: problem.title ?? (typeof message === 'string' ? message : response.statusText),
    });
  },
};

// The document's paths start with /v1: the base is this page's own origin.
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** For TanStack Query: the data of a successful call (errors were already thrown as ApiError by the middleware). */
export function dataOf<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw new ApiError({ status: result.response.status, title: 'Empty response' });
  return result.data;
}
