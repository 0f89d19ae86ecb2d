import { config } from '#shared/config';
import { httpApi } from '#shared/http/pipeline';
import { ok, route, type AnyRoute } from '#shared/http/route';
import { allRoutes } from '#functions/platform/all-routes';
import { buildOpenApi } from '#functions/platform/openapi';

/**
 * The OpenAPI document, in a function of its own: it needs every context's schemas, which no other function
 * should load on its cold start. Built once per container.
 */
let document: Record<string, unknown> | undefined;

export const docsRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: '/v1/openapi.json',
    operationId: 'getOpenApiDocument',
    description:
      'This document, generated from the schemas the API validates with; the API reference is rendered from it.',
    summary: 'This API’s OpenAPI 3.1 document',
    tags: ['platform'],
    access: 'public',
    responses: { 200: { description: 'OpenAPI 3.1' } },
    handler: async () => {
      document ??= buildOpenApi([...allRoutes(), ...docsRoutes], {
        version: process.env.ACCORD_VERSION ?? '0.1.0',
        maxBodyBytes: config().maxBodyBytes,
      });
      return ok(document);
    },
  }),
];

export const handler = httpApi(docsRoutes);
