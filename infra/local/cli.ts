import { request } from 'node:http';
import { findServer, NoServerError, type RuntimeInfo } from '#infra/local/runtime-file';

/**
 * What `npm run job` and `npm run token` share: they talk to the running server (never to the database
 * directly: a second process must not open it, and only the server knows its signing key and state), and
 * fail with a message on stderr and exit code 1.
 */

export class CliError extends Error {}

export interface ServerAnswer {
  server: RuntimeInfo;
  status: number;
  body: unknown;
}

/** Sends a request to the running server; a server that is gone or still starting is a CliError. */
export async function requestServer(method: 'GET' | 'POST', path: string): Promise<ServerAnswer> {
  const server = await findServer();
  let res: { status: number; retryAfter: string | undefined; text: string };
  try {
    res = await send(method, `${server.url}${path}`);
  } catch (error) {
    const cause = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliError(
      `The Accord server at ${server.url} (pid ${server.pid}, data dir ${server.dataDir}) does not answer (${cause}).`,
    );
  }
  let body: unknown = res.text;
  try {
    body = JSON.parse(res.text);
  } catch {
    // not JSON: keep the text
  }
  if (res.status === 503 && res.retryAfter) {
    throw new CliError(
      `The Accord server at ${server.url} is still starting; run this again once \`curl ${server.url}/v1/health\` answers 200.`,
    );
  }
  return { server, status: res.status, body };
}

/** node:http rather than fetch: fetch gives up waiting for headers after 5 minutes, and a big job may take longer. */
function send(method: string, url: string): Promise<{ status: number; retryAfter: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const retryAfter = res.headers['retry-after'];
        resolve({ status: res.statusCode ?? 0, retryAfter, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Why the server refused, from its problem+json answer. */
export function detailOf(answer: ServerAnswer): string {
  const body = answer.body as { detail?: unknown } | string;
  const detail =
    typeof body === 'object' && body !== null && typeof body.detail === 'string' ? body.detail : JSON.stringify(body);
  return `the server at ${answer.server.url} answered ${answer.status}: ${detail}`;
}

export function runCli(main: () => Promise<void>): void {
  // Local development runs Node 20 (Lambda runs 24); the SDK's "Node >= 22 from 2027" notice is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const known = error instanceof CliError || error instanceof NoServerError;
      console.error(
        known || !(error instanceof Error)
          ? error instanceof Error
            ? error.message
            : String(error)
          : (error.stack ?? error.message),
      );
      process.exit(1);
    },
  );
}
