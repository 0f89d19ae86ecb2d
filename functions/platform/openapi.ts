import * as z from 'zod';
import type { AnyRoute } from '#shared/http/route';

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the pipeline validates with,
 * so the documentation cannot drift from what the API accepts.
 */
export function buildOpenApi(routes: AnyRoute[], info: { version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const operation: Record<string, unknown> = {
      operationId: operationId(r),
      summary: r.summary,
      tags: r.tags,
      ...(r.access === 'public' ? { security: [] } : { 'x-accord-action': r.access }),
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query'), ...headerParameters(r)],
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(r.body, 'input') } },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(r.responses).map(([status, doc]) => [
          status,
          {
            description: doc.description,
            content: doc.schema
              ? { 'application/json': { schema: jsonSchema(doc.schema, 'output') } }
              : Number(status) >= 400
                ? { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
                : undefined,
          },
        ]),
      ),
    };
    (paths[r.path] ??= {})[r.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Accord API',
      version: info.version,
      description: 'Partner Relationship Management: partners, agreements, performance, collaboration and supply.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            errors: {
              type: 'array',
              items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
            },
          },
          required: ['type', 'title', 'status'],
        },
      },
    },
  };
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Record<string, unknown>[] {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

function headerParameters(r: AnyRoute): Record<string, unknown>[] {
  const headers: Record<string, unknown>[] = [];
  if (r.ifMatch) {
    const optional = r.ifMatch === 'create-or-replace';
    headers.push({
      name: 'If-Match',
      in: 'header',
      required: !optional,
      schema: { type: 'string' },
      description: optional ? 'The ETag you read, to replace; without it the request creates' : 'The ETag you read',
    });
  }
  if (r.method === 'POST' && r.access !== 'public') {
    headers.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      schema: { type: 'string', minLength: 8, maxLength: 255 },
      description: 'A retry with the same key returns the first response and writes nothing new',
    });
  }
  return headers;
}

function operationId(r: AnyRoute): string {
  const words = r.path
    .split('/')
    .filter((s) => s && s !== 'v1')
    .map((s) => (s.startsWith('{') ? 'By' + cap(s.slice(1, -1)) : cap(s.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')))));
  return r.method.toLowerCase() + words.join('');
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
