import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { GatewayResponse } from '#infra/local/apigw';
import { projectRoot } from '#infra/local/handlers';

/**
 * The web portal, served from its build (portal/dist, written by `npm run portal:build`, which `npm start` runs when
 * the build is older than the portal's sources) at the API's own origin, as CloudFront serves it in AWS: the
 * browser calls /v1 with no CORS. Files are read per request, so a rebuild shows without restarting the API.
 * Every path that is not the API's, a local endpoint or the API reference is the single-page app's: a deep link
 * (/partners, /local/sign-in?role=manager) gets index.html and the app picks the screen.
 */

const distDir = join(projectRoot, 'portal', 'dist');

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** True for the paths the portal never answers: the API, the local endpoints (but its sign-in link), /docs. */
function belongsElsewhere(path: string): boolean {
  if (path === '/local/sign-in') return false;
  return /^\/(v1|local|docs)(\/|$)/.test(path);
}

/** Text files are sent gzipped when the browser accepts it, as CloudFront compresses them in AWS. */
const compressible = new Set(['.html', '.js', '.css', '.json', '.map', '.svg']);
const gzipped = new Map<string, { mtimeMs: number; body: Buffer }>();

/** Answers a GET for the portal, or undefined when the request is not the portal's. */
export async function portalResponse(
  method: string,
  path: string,
  acceptEncoding = '',
): Promise<GatewayResponse | undefined> {
  if (method !== 'GET' || belongsElsewhere(path)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return notFound();
  }
  // normalize() resolves `..`: a path that leaves portal/dist is no file of the portal.
  const file = normalize(join(distDir, decoded));
  const isAsset = file.startsWith(distDir + '/') && extname(file) !== '' && (await isFile(file));
  if (isAsset) {
    const response: GatewayResponse = {
      statusCode: 200,
      headers: [
        ['content-type', types[extname(file)] ?? 'application/octet-stream'],
        // Vite names assets by content hash: a file under /assets/ never changes.
        ['cache-control', path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'],
      ],
      body: await readFile(file),
    };
    return /\bgzip\b/.test(acceptEncoding) && compressible.has(extname(file)) ? await gzip(file, response) : response;
  }
  // A missing file is a 404, not the app: a stale tab asking for an old chunk must fail visibly.
  if (extname(decoded) !== '') return notFound();
  const index = await readFile(join(distDir, 'index.html')).catch(() => undefined);
  if (!index) {
    return {
      statusCode: 503,
      headers: [['content-type', 'text/plain; charset=utf-8']],
      body: Buffer.from('The portal is not built: run `npm run portal:build` (npm start does it when needed).\n'),
    };
  }
  return {
    statusCode: 200,
    headers: [
      ['content-type', types['.html']!],
      ['cache-control', 'no-cache'],
    ],
    body: index,
  };
}

async function gzip(file: string, response: GatewayResponse): Promise<GatewayResponse> {
  const { mtimeMs } = await stat(file);
  let cached = gzipped.get(file);
  if (cached?.mtimeMs !== mtimeMs) {
    cached = { mtimeMs, body: gzipSync(response.body) };
    gzipped.set(file, cached);
  }
  return {
    ...response,
    headers: [...response.headers, ['content-encoding', 'gzip'], ['vary', 'accept-encoding']],
    body: cached.body,
  };
}

function notFound(): GatewayResponse {
  return {
    statusCode: 404,
    headers: [['content-type', 'text/plain; charset=utf-8']],
    body: Buffer.from('Not Found\n'),
  };
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}
