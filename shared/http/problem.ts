import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HttpError } from '#shared/http/errors';
import { logger } from '#shared/log';

/** Any error -> RFC 9457 problem+json. Below 500 the detail is the caller's to see; 5xx say nothing internal. */
export function problemResponse(error: unknown, instance: string): APIGatewayProxyStructuredResultV2 {
  if (error instanceof HttpError) {
    if (error.status >= 500) logger.error('request failed', { error });
    return {
      statusCode: error.status,
      headers: { 'content-type': 'application/problem+json', ...error.headers },
      body: JSON.stringify({
        type: error.type,
        title: error.title,
        status: error.status,
        detail: error.message,
        instance,
        ...(error.errors?.length ? { errors: error.errors } : {}),
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
