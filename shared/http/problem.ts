import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, type FieldError } from '#shared/errors';
import { HttpError, problemOf, type ProblemKind } from '#shared/http/errors';
import { logger } from '#shared/log';

interface Problem extends ProblemKind {
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

/** Any error -> RFC 9457 problem+json. Below 500 the detail is the caller's to see; 5xx say nothing internal. */
export function problemResponse(error: unknown, instance: string): APIGatewayProxyStructuredResultV2 {
  const problem = knownProblem(error);
  if (problem) {
    if (problem.status >= 500) logger.error('request failed', { error: error as Error });
    return {
      statusCode: problem.status,
      headers: { 'content-type': 'application/problem+json', ...problem.headers },
      body: JSON.stringify({
        type: problem.type,
        title: problem.title,
        status: problem.status,
        detail: problem.detail,
        instance,
        ...(problem.errors?.length ? { errors: problem.errors } : {}),
      }),
    };
  }
  logger.error('unhandled error', { error: error as Error });
  return {
    statusCode: 500,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({
      type: 'https://accord.dev/problems/internal',
      title: 'Something went wrong on our side',
      status: 500,
      detail: 'The error was logged with this request id; retry later or contact support with it.',
      instance,
    }),
  };
}

/** The problem an HTTP error carries, or the one the edge's table gives a domain error; anything else is a 500. */
function knownProblem(error: unknown): Problem | undefined {
  if (error instanceof HttpError) {
    const { status, type, title, message, errors, headers } = error;
    return { status, type, title, detail: message, errors, headers };
  }
  if (!(error instanceof DomainError)) return undefined;
  const kind = problemOf(error);
  if (!kind) return undefined;
  const retryAfter = error.retryAfterSeconds;
  return {
    ...kind,
    detail: error.message,
    errors: error.errors,
    ...(retryAfter === undefined ? {} : { headers: { 'Retry-After': String(retryAfter) } }),
  };
}
