import * as z from 'zod';
import type { AnyRoute, ResponseDoc } from '#shared/http/route';
import { errorResponses, errorResponsesOf, whoMayCall } from '#functions/platform/openapi-responses';
import { tagsSection } from '#functions/platform/openapi-tags';

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the pipeline validates with and from the route
 * definitions (operationId, description, example, access, If-Match), so the documentation cannot drift from what
 * the API accepts and answers.
 */
export function buildOpenApi(
  routes: AnyRoute[],
  info: { version: string; maxBodyBytes?: number },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(r);
    for (const v of r.variants ?? []) {
      const variant = { ...r, ...v, params: v.params ?? r.params, variants: undefined, body: undefined };
      (paths[v.path] ??= {})[r.method.toLowerCase()] = operation(variant);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Accord API',
      version: info.version,
      description:
        'Partner Relationship Management: partners, agreements, performance, collaboration and supply. ' +
        'Errors are `application/problem+json` (RFC 9457); every resource carries a `version`, sent as `ETag` and ' +
        'expected back in `If-Match` by changes; POSTs take an `Idempotency-Key`. See docs/api.md for the conventions.',
    },
    servers: [
      {
        url: '{origin}',
        description: 'The stage’s API endpoint (API Gateway), or the local runtime',
        variables: { origin: { default: 'http://localhost:3000', description: 'Scheme, host and port of the API' } },
      },
    ],
    security: [{ bearer: [] }],
    ...tagsSection(),
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Cognito access or ID token; locally, one from GET /local/token',
        },
      },
      schemas: { Problem: problemSchema, GatewayMessage: gatewayMessageSchema },
      responses: {
        ...errorResponses,
        PayloadTooLarge: { ...errorResponses.PayloadTooLarge, description: bodyLimitText(info.maxBodyBytes) },
      },
    },
  };
}

function operation(r: AnyRoute): Record<string, unknown> {
  return {
    operationId: r.operationId,
    summary: r.summary,
    description: [r.description, whoMayCall(r)].filter(Boolean).join('\n\n'),
    tags: r.tags,
    ...(r.access === 'public' ? { security: [] } : { 'x-accord-action': r.access.action }),
    parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query'), ...headerParameters(r)],
    ...(r.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: jsonSchema(r.bodyDoc ?? r.body, 'input'),
                ...(r.example === undefined ? {} : { example: r.example }),
              },
            },
          },
        }
      : {}),
    responses: { ...successResponses(r), ...withBodyLimit(errorResponsesOf(r), r.maxBodyBytes) },
  };
}

function successResponses(r: AnyRoute): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [status, doc] of Object.entries(withCreated(r))) {
    if (Number(status) >= 400) continue;
    const headers = {
      ...(carriesEtag(r, doc)
        ? {
            ETag: {
              description: 'The resource’s version, `"<version>"`: send it as If-Match to change it',
              schema: { type: 'string' },
            },
          }
        : {}),
      ...(status === '201'
        ? {
            Location: {
              description: 'Where to read the new resource',
              schema: { type: 'string', format: 'uri-reference' },
            },
          }
        : {}),
    };
    out[status] = {
      description: doc.description,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(doc.schema || doc.contentType ? { content: content(doc) } : {}),
    };
  }
  return out;
}

/**
 * A create-or-replace PUT answers 201 with Location when it created (no If-Match sent: the pipeline's rule) and
 * its 200 when it replaced: both are documented from the route's 200.
 */
function withCreated(r: AnyRoute): Record<number, ResponseDoc> {
  const replaced = r.responses[200];
  if (r.ifMatch !== 'create-or-replace' || !replaced || r.responses[201]) return r.responses;
  return {
    ...r.responses,
    201: { ...replaced, description: `Created (sent without If-Match). ${replaced.description}` },
  };
}

function content(doc: ResponseDoc): Record<string, unknown> {
  if (doc.contentType)
    return { [doc.contentType]: { schema: doc.schema ? jsonSchema(doc.schema, 'output') : { type: 'string' } } };
  return { 'application/json': { schema: jsonSchema(doc.schema!, 'output') } };
}

/** ETag is sent when the handler answers with a version: by default, when what it answers has one. */
function carriesEtag(r: AnyRoute, doc: ResponseDoc): boolean {
  if (r.etag !== undefined) return r.etag;
  if (!doc.schema) return false;
  type Json = { properties?: Record<string, unknown>; oneOf?: Json[]; anyOf?: Json[] };
  const hasVersion = (json: Json): boolean => {
    const branches = json.oneOf ?? json.anyOf;
    return branches ? branches.every(hasVersion) : json.properties?.version !== undefined;
  };
  return hasVersion(jsonSchema(doc.schema, 'output'));
}

/** A route with a body limit of its own says so on its 413. */
function withBodyLimit(responses: Record<string, unknown>, limit: number | undefined): Record<string, unknown> {
  const tooLarge = responses['413'] as { $ref?: string } | undefined;
  if (!tooLarge?.$ref || limit === undefined) return responses;
  return { ...responses, 413: { ...errorResponses.PayloadTooLarge, description: bodyLimitText(limit) } };
}

const bodyLimitText = (limit: number | undefined) =>
  limit === undefined
    ? 'The body is too large'
    : `The body is larger than ${limit} bytes (${Math.floor(limit / 1024)} KiB)`;

/**
 * zod's JSON Schema, with transforms described by the schema they start from: ours normalise a value (an e-mail
 * lowercased, text trimmed) and never change its type, and zod cannot see through a transform on the output side
 * (it would describe an e-mail as `{}`).
 */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema: json }) => {
      const def = zodSchema._zod.def as { type: string; in?: z.ZodType; out?: z.ZodType };
      if (
        io === 'output' &&
        def.type === 'pipe' &&
        def.in &&
        (def.out?._zod.def as { type: string }).type === 'transform'
      ) {
        Object.assign(json, jsonSchema(def.in, io));
      }
      // `{}` is right for a value of any type, but reads like a schema that was lost: say it is meant.
      if (def.type === 'unknown' || def.type === 'any') json.description ??= 'Any JSON value';
      // A record keyed by an enum has exactly those keys: say so as properties, which every tool understands.
      const keys = (json.propertyNames as { enum?: string[] } | undefined)?.enum;
      const value = json.additionalProperties;
      if (keys && value && typeof value === 'object') {
        json.properties = Object.fromEntries(keys.map((key) => [key, value]));
        json.additionalProperties = false;
        delete json.propertyNames;
      }
    },
  }) as Record<string, unknown>;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Record<string, unknown>[] {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as {
    properties?: Record<string, { description?: string }>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(property.description ? { description: property.description } : {}),
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
      example: '"3"',
      description: optional ? 'The ETag you read, to replace; without it the request creates' : 'The ETag you read',
    });
  }
  if (r.method === 'POST' && r.access !== 'public') {
    headers.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      schema: { type: 'string', minLength: 8, maxLength: 255 },
      example: '2f1c9a52-8d4e-4b7a-9c3e-6a0f1e5b7d21',
      description: 'A retry with the same key returns the first response and writes nothing new',
    });
  }
  return headers;
}

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string', description: 'A URI naming the kind of problem' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'What went wrong, for a person to read' },
    instance: { type: 'string', description: 'The request path' },
    errors: {
      type: 'array',
      description: 'For invalid input: each offending field (`body.country`, `query.limit`, `headers.if-match`)',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, message: { type: 'string' } },
        required: ['path', 'message'],
      },
    },
  },
  required: ['type', 'title', 'status'],
};

const gatewayMessageSchema = {
  type: 'object',
  description: 'What API Gateway itself answers (before any function runs)',
  properties: { message: { type: 'string' } },
  required: ['message'],
};
