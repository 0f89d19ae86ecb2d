import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '#shared/log';

/**
 * What the HTTP pipeline does for API handlers, for every other handler (table stream, event consumers, queue
 * workers, scheduled jobs): each log line of an invocation carries the function's name, the invocation's request
 * id and whether it was a cold start, and nothing a previous invocation appended.
 */
export function invocation<E, R>(handler: (event: E) => Promise<R>) {
  return middy<E, R>(handler).use(injectLambdaContext(logger, { resetKeys: true }));
}
