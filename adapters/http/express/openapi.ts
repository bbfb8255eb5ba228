import { z } from 'zod';
import { declaredCodes, GENERIC_ERROR_CODES, genericCodesByStatus } from './contract.js';
import type { Route } from './route.js';
import { bearerDescription, securityOf } from './roles.js';
import { wireComponents } from './wire/shared.js';

type Json = Record<string, unknown>;

/** Requests are documented as the schemas accept them (before defaults and coercion). */
const jsonSchema = (schema: z.ZodType): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
};

/**
 * Answers are documented as they are sent; their named parts (`wire/shared.ts` `component`) go to
 * `components` once and are referred to.
 */
function answerSchema(schema: z.ZodType, components: Record<string, unknown>): Json {
  const { $schema: _drop, $defs, ...rest } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', metadata: wireComponents }) as Json;
  const toComponents = (s: unknown): Json => JSON.parse(JSON.stringify(s).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
  for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, unknown>)) components[name] ??= toComponents(def);
  return toComponents(rest);
}

const problemRef = { $ref: '#/components/schemas/Problem' };

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'The request is malformed or fails validation',
  401: 'No valid bearer token',
  403: 'The token may not use this route',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'The body is larger than the limit',
  415: 'The body is not JSON',
  422: 'A business rule rejects it',
};

/**
 * The 4xx answers of an operation, each naming its codes. A route that declares its errors gets the
 * statuses they need plus the generic ones; one that does not yet gets the usual set, codes unnamed.
 */
function rejections(r: Route): Json {
  const generic = genericCodesByStatus(r.access, r.body !== undefined);
  const own: Partial<Record<number, readonly string[]>> = r.errors ?? { 404: [], 422: [] };
  const statuses = [...new Set([...Object.keys(generic), ...Object.keys(own)].map(Number))].sort((a, b) => a - b);
  const out: Json = {};
  for (const status of statuses) {
    const codes = [...(own[status] ?? []), ...(generic[status] ?? [])];
    const named = r.errors ? `: ${codes.join(', ')}` : '';
    out[String(status)] = { description: `${DESCRIPTIONS[status] ?? 'Rejected'}${named}`, content: { 'application/problem+json': { schema: problemRef } } };
  }
  out['503'] = {
    description: 'The service cannot answer now (e.g. its database is unavailable): retry after Retry-After',
    content: { 'application/problem+json': { schema: problemRef } },
  };
  return out;
}

function success(r: Route, components: Record<string, unknown>): Json {
  if (r.status === 204) return { description: 'Done' };
  const json = { 'application/json': { schema: r.response ? answerSchema(r.response, components) : {} } };
  // A notification is acknowledged the way its channel expects: the JSON result, or the channel's own text (Alipay's `success`).
  return { description: 'OK', content: r.notification ? { ...json, 'text/plain': { schema: { type: 'string' } } } : json };
}

/** Builds the OpenAPI 3.1 document from the same route schemas that validate requests and check answers. */
export function openApiDocument(routes: readonly Route[], info: { title: string; version: string }): Json {
  const paths: Record<string, Record<string, Json>> = {};
  const schemas: Record<string, unknown> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const parameters = [
      ...Object.entries(r.params?.shape ?? {}).map(([name, s]) => ({ name, in: 'path', required: true, schema: jsonSchema(s as z.ZodType) })),
      ...Object.entries(r.query?.shape ?? {}).map(([name, s]) => ({
        name,
        in: 'query',
        required: !(s as z.ZodType).safeParse(undefined).success,
        schema: jsonSchema(s as z.ZodType),
      })),
      ...Object.entries(r.headers?.shape ?? {}).map(([name, s]) => ({
        name,
        in: 'header',
        required: !(s as z.ZodType).safeParse(undefined).success,
        schema: jsonSchema(s as z.ZodType),
      })),
    ];
    paths[path] ??= {};
    paths[path][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      operationId: `${r.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: requestContent(r) } } : {}),
      security: securityOf(r),
      'x-access': r.access,
      ...(r.access !== 'public' ? { 'x-roles': r.roles ?? [] } : {}),
      'x-error-codes': [...declaredCodes(r.errors), ...GENERIC_ERROR_CODES],
      responses: { [String(r.status ?? 200)]: success(r, schemas), ...rejections(r) },
    };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: bearerDescription } },
      schemas: {
        ...schemas,
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details with a stable code',
          required: ['type', 'title', 'status', 'code', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            code: {
              type: 'string',
              description: "Stable: clients branch on it. The operation's x-error-codes and response descriptions list the codes it may answer.",
            },
            detail: { type: 'string' },
            instance: { type: 'string' },
            requestId: { type: 'string' },
            errors: {
              type: 'array',
              description: 'Validation issues, by path (400 VALIDATION.FAILED)',
              items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
            },
            details: { type: 'object', description: 'Data of a business rejection (the field, a reason, ids …), by code', additionalProperties: true },
          },
        },
      },
    },
  };
}

/** A route's request body by media type: JSON, and for a channel's notification also form fields and text as the channel sends them. */
function requestContent(r: Route): Record<string, { schema: unknown }> {
  const json = { 'application/json': { schema: jsonSchema(r.body!) } };
  if (!r.notification) return json;
  return {
    ...json,
    'application/x-www-form-urlencoded': { schema: { type: 'object', additionalProperties: { type: 'string' } } },
    'text/plain': { schema: { type: 'string' } },
  };
}
