import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { GatewayResponse } from '#infra/local/apigw';
import { projectRoot } from '#infra/local/handlers';

/**
 * The API reference at /docs, local only: Redoc's standalone bundle from node_modules (no CDN, works offline)
 * rendering GET /v1/openapi.json, the document the api-docs function serves.
 */

export const API_REFERENCE_PATH = '/docs';
const SCRIPT_PATH = '/docs/redoc.standalone.js';

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Accord API reference</title>
    <style>body { margin: 0; }</style>
  </head>
  <body>
    <redoc spec-url="/v1/openapi.json"></redoc>
    <script src="${SCRIPT_PATH}"></script>
  </body>
</html>
`;

let script: Buffer | undefined;

/** Answers GET /docs and its script, or undefined for any other request. */
export function apiReference(method: string, path: string): GatewayResponse | undefined {
  if (method !== 'GET') return undefined;
  if (path === API_REFERENCE_PATH || path === `${API_REFERENCE_PATH}/`) {
    return { statusCode: 200, headers: [['content-type', 'text/html; charset=utf-8']], body: Buffer.from(page) };
  }
  if (path === SCRIPT_PATH) {
    script ??= readFileSync(
      createRequire(join(projectRoot, 'package.json')).resolve('redoc/bundles/redoc.standalone.js'),
    );
    return {
      statusCode: 200,
      headers: [
        ['content-type', 'text/javascript; charset=utf-8'],
        ['cache-control', 'max-age=3600'],
      ],
      body: script,
    };
  }
  return undefined;
}
