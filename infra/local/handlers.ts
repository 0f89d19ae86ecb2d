import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import { InvokeStore } from '@aws/lambda-invoke-store';
import type { Context } from 'aws-lambda';

/**
 * Loading and invoking the manifest's handlers in-process, the way Lambda would: one module instance per
 * entry (cold start on first use, warm after), a Context per invocation, and the function's timeout.
 */

// tsx and jest both run this project's .ts files as CommonJS (package.json has no "type": "module"),
// so __dirname is defined; the runtime lives in infra/local, two levels below the root.
export const projectRoot = resolve(__dirname, '../..');

/** Keep in step with the default of the CDK function construct. */
export const DEFAULT_TIMEOUT_SECONDS = 30;
export const LOCAL_ACCOUNT_ID = '000000000000';

export interface InvocableSpec {
  name: string;
  entry: string;
  memoryMb?: number;
  timeoutSeconds?: number;
}

/**
 * Imports a project file by its path relative to the root. Lazily, so process.env is set before any
 * handler module reads it. Absolute paths (not file URLs) because jest turns import() into require().
 */
export async function importProjectModule<T = Record<string, unknown>>(relativePath: string): Promise<T> {
  return (await import(resolve(projectRoot, relativePath))) as T;
}

export async function loadHandler<H extends (...args: never[]) => unknown>(spec: InvocableSpec): Promise<H> {
  const mod = await importProjectModule<{ handler?: unknown; default?: { handler?: unknown } }>(spec.entry);
  const handler = mod.handler ?? mod.default?.handler;
  if (typeof handler !== 'function') throw new Error(`${spec.entry} does not export a function named handler`);
  return handler as H;
}

export class LambdaTimeoutError extends Error {
  constructor(spec: InvocableSpec, seconds: number) {
    super(`${spec.name}: Task timed out after ${seconds.toFixed(2)} seconds`);
    this.name = 'LambdaTimeoutError';
  }
}

type Scope = Record<string | symbol, unknown>;

/** The part of Lambda's InvokeStore (globalThis.awslambda.InvokeStore) that Powertools reads and writes. */
interface InvokeStoreLike {
  run<T>(scope: Scope, fn: () => T): T;
  hasContext(): boolean;
}

/** Lambda's key for the request id in an invocation's scope (@aws/lambda-invoke-store). */
const REQUEST_ID = Symbol.for('_AWS_LAMBDA_REQUEST_ID');

class LocalInvokeStore implements InvokeStoreLike {
  private readonly scopes = new AsyncLocalStorage<Scope>();
  run<T>(scope: Scope, fn: () => T): T {
    return this.scopes.run(scope, fn);
  }
  hasContext(): boolean {
    return this.scopes.getStore() !== undefined;
  }
  getContext(): Scope | undefined {
    return this.scopes.getStore();
  }
  get(key: string | symbol): unknown {
    return this.scopes.getStore()?.[key];
  }
  set(key: string | symbol, value: unknown): void {
    const scope = this.scopes.getStore();
    if (!scope) throw new Error('No context available');
    scope[key] = value;
  }
  getRequestId(): string {
    return (this.get(REQUEST_ID) as string | undefined) ?? '-';
  }
  getXRayTraceId(): undefined {
    return undefined;
  }
  getTenantId(): undefined {
    return undefined;
  }
  getTraceparent(): undefined {
    return undefined;
  }
}

/**
 * Every function runs in this one process, several at a time, like Lambda Managed Instances' multi-concurrent
 * execution environments: so the runtime does what their runtime interface client does. It opts into
 * per-invocation state (AWS_LAMBDA_MAX_CONCURRENCY) and runs each invocation in its own InvokeStore scope
 * (AsyncLocalStorage). Powertools then keeps each invocation's Lambda context and appended keys apart; without
 * it, the one shared logger tags a notifier's lines with whichever function set its context last.
 */
let localStore: Promise<InvokeStoreLike> | undefined;

function invocationScopes(): Promise<InvokeStoreLike> {
  localStore ??= (async () => {
    const lambda = ((globalThis as { awslambda?: { InvokeStore?: InvokeStoreLike } }).awslambda ??= {});
    // The SDK may have made a single-invocation store already (one context for the whole process): replace it.
    const store = new LocalInvokeStore();
    lambda.InvokeStore = store;
    // The SDK looks the store up once (recursion detection); with the variable set it would build a store of its
    // own through a dynamic import, which jest cannot run: let it find this one first.
    await InvokeStore.getInstanceAsync();
    process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '64';
    return store;
  })();
  return localStore;
}

/**
 * Invokes `spec`'s handler with `event` and a fresh Context, failing like Lambda when the function's timeout
 * passes (the promise is abandoned: an in-process call cannot be killed, which is fine for a dev runtime).
 */
export async function invoke<R>(spec: InvocableSpec, event: unknown, region: string): Promise<R> {
  const handler = await loadHandler<(event: unknown, context: Context) => Promise<R>>(spec);
  const scopes = await invocationScopes();
  const seconds = spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const context = lambdaContext(spec, region, seconds);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LambdaTimeoutError(spec, seconds)), seconds * 1000);
  });
  const scope: Scope = { [REQUEST_ID]: context.awsRequestId };
  try {
    return await Promise.race([
      scopes.run(scope, () => Promise.resolve().then(() => handler(event, context))),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function lambdaContext(spec: InvocableSpec, region: string, timeoutSeconds: number): Context {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  const unsupported = () => {
    throw new Error('callback-style context methods are not supported: return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: spec.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${spec.name}`,
    memoryLimitInMB: String(spec.memoryMb ?? 128),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${spec.name}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
