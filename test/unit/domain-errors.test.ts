import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as domainErrors from '#shared/errors';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PartnershipInactiveError,
  PreconditionFailedError,
  PreconditionRequiredError,
  ValidationError,
} from '#shared/errors';
import {
  IdempotencyKeyReusedError,
  MethodNotAllowedError,
  PayloadTooLargeError,
  problemOf,
  TooManyRequestsError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from '#shared/http/errors';
import { problemResponse } from '#shared/http/problem';
import { withCapturedLogs } from '#test/helpers/captured-logs';

// unit: the domain's errors say what went wrong; only the HTTP edge gives them a status, a problem type and a title.
const problem = (slug: string) => `https://accord.dev/problems/${slug}`;

/** Each domain error answers with the status, type and title it had when it carried them itself. */
const domainTable = [
  { ErrorClass: ValidationError, status: 400, type: problem('validation'), title: 'Your request is not valid' },
  { ErrorClass: ForbiddenError, status: 403, type: problem('forbidden'), title: 'You may not do this' },
  {
    ErrorClass: PartnershipInactiveError,
    status: 403,
    type: problem('partnership-inactive'),
    title: 'Your partnership does not allow changes now',
  },
  { ErrorClass: NotFoundError, status: 404, type: problem('not-found'), title: 'Not found' },
  {
    ErrorClass: ConflictError,
    status: 409,
    type: problem('conflict'),
    title: 'The request conflicts with the current state',
  },
  {
    ErrorClass: PreconditionFailedError,
    status: 412,
    type: problem('precondition-failed'),
    title: 'The resource has changed',
  },
  {
    ErrorClass: PreconditionRequiredError,
    status: 428,
    type: problem('precondition-required'),
    title: 'If-Match is required',
  },
] as const;

const httpTable = [
  { ErrorClass: UnauthorizedError, status: 401, type: problem('unauthorized'), title: 'Authentication is required' },
  { ErrorClass: MethodNotAllowedError, status: 405, type: problem('method-not-allowed'), title: 'Method not allowed' },
  {
    ErrorClass: PayloadTooLargeError,
    status: 413,
    type: problem('payload-too-large'),
    title: 'The request body is too large',
  },
  {
    ErrorClass: UnsupportedMediaTypeError,
    status: 415,
    type: problem('unsupported-media-type'),
    title: 'Unsupported media type',
  },
  {
    ErrorClass: IdempotencyKeyReusedError,
    status: 422,
    type: problem('idempotency-key-reused'),
    title: 'The Idempotency-Key was used with a different request',
  },
  { ErrorClass: TooManyRequestsError, status: 429, type: problem('too-many-requests'), title: 'Too many requests' },
] as const;

const bodyOf = (response: ReturnType<typeof problemResponse>) => JSON.parse(String(response.body)) as unknown;

describe('domain errors', () => {
  it.each(domainTable)('$ErrorClass.name carries no status, type or title of its own', ({ ErrorClass }) => {
    const error = new ErrorClass('what went wrong');
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.message).toBe('what went wrong');
    expect('status' in error || 'type' in error || 'title' in error).toBe(false);
  });

  it('are all in the edge table: none falls through to a 500', () => {
    const exported = Object.values(domainErrors).filter(
      (value): value is typeof ValidationError => typeof value === 'function' && value.prototype instanceof DomainError,
    );
    expect(exported.map((c) => c.name).sort()).toEqual(domainTable.map(({ ErrorClass }) => ErrorClass.name).sort());
  });
});

describe('the HTTP edge maps a domain error to problem+json', () => {
  it.each(domainTable)('$ErrorClass.name -> $status $type', ({ ErrorClass, status, type, title }) => {
    // Prepare
    const error = new ErrorClass('the detail');
    // Act
    const response = problemResponse(error, '/partners/P1');
    // Assess
    expect(problemOf(error)).toEqual({ status, type, title });
    expect(response.statusCode).toBe(status);
    expect(response.headers).toEqual({ 'content-type': 'application/problem+json' });
    expect(bodyOf(response)).toEqual({ type, title, status, detail: 'the detail', instance: '/partners/P1' });
  });

  it('keeps the field errors and turns retryAfterSeconds into Retry-After', () => {
    const errors = [{ path: 'body.name', message: 'required' }];
    const invalid = problemResponse(new ValidationError('Invalid', { errors }), '/x');
    expect(bodyOf(invalid)).toEqual(expect.objectContaining({ status: 400, errors }));

    const busy = problemResponse(new ConflictError('Busy; retry', { retryAfterSeconds: 1 }), '/x');
    expect(busy.statusCode).toBe(409);
    expect(busy.headers).toEqual({ 'content-type': 'application/problem+json', 'Retry-After': '1' });
  });

  it('answers a subclass as its nearest mapped ancestor', () => {
    class StaleAgreementError extends PreconditionFailedError {}
    expect(problemResponse(new StaleAgreementError('stale'), '/x').statusCode).toBe(412);
  });

  it('answers any other error with a 500 that says nothing internal, and logs it for the operator', async () => {
    const { result: response, lines } = await withCapturedLogs(async () =>
      problemResponse(new Error('secret table name'), '/x'),
    );
    expect(response.statusCode).toBe(500);
    expect(String(response.body)).not.toContain('secret');
    expect(lines).toEqual([expect.objectContaining({ level: 'ERROR', message: 'unhandled error' })]);
  });
});

describe('HTTP-only errors keep their status', () => {
  it.each(httpTable)('$ErrorClass.name -> $status $type', ({ ErrorClass, status, type, title }) => {
    const error = new ErrorClass('the detail', { headers: { 'Retry-After': '2' } });
    const response = problemResponse(error, '/x');
    expect(response.statusCode).toBe(status);
    expect(response.headers).toEqual({ 'content-type': 'application/problem+json', 'Retry-After': '2' });
    expect(bodyOf(response)).toEqual({ type, title, status, detail: 'the detail', instance: '/x' });
  });
});

describe('pure code knows no HTTP', () => {
  const root = join(__dirname, '..', '..');
  const pureRoots = [
    ...readdirSync(join(root, 'functions'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join('functions', entry.name, 'domain')),
    join('functions', 'supply', 'forecasting'),
    join('shared', 'domain'),
    join('shared', 'db'),
    join('shared', 'errors.ts'),
  ];

  it('no file under the domain, the forecasting maths or shared/db imports #shared/http/', () => {
    const files = pureRoots.flatMap((path) => sourceFiles(join(root, path)));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files
      .filter((file) => /from '#shared\/http\/|import\('#shared\/http\//.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });
});

/** Every .ts file at or under `path`; a path that does not exist (a context without a domain folder) has none. */
function sourceFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}
