import { z } from 'zod';
import type { Route } from './route.js';
import { bearerDescription, securityOf } from './roles.js';

type Json = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
};

const problemRef = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemRef } } });

/** Builds the OpenAPI 3.1 document from the same route schemas that validate requests. */
export function openApiDocument(routes: readonly Route[], info: { title: string; version: string }): Json {
  const paths: Record<string, Record<string, Json>> = {};
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
    const responses: Json = {
      [String(r.status ?? 200)]: r.status === 204 ? { description: 'Done' } : { description: 'OK', content: { 'application/json': { schema: r.response ? jsonSchema(r.response) : {} } } },
      '400': problemResponse('The request is malformed or fails validation'),
      '404': problemResponse('Not found'),
      '409': problemResponse('Conflicts with the current state'),
      '422': problemResponse('A business rule rejects it'),
    };
    if (r.access !== 'public') {
      responses['401'] = problemResponse('No valid bearer token');
      responses['403'] = problemResponse('The token may not use this route');
    }
    (paths[path] ??= {})[r.method] = {
      summary: r.summary,
      tags: [r.tag],
      operationId: `${r.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } } : {}),
      ...(r.access !== 'public' ? { security: securityOf(r), 'x-access': r.access, 'x-roles': r.roles ?? [] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: bearerDescription } },
      schemas: {
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details with a stable code',
          required: ['type', 'title', 'status', 'code', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            code: { type: 'string' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            requestId: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  };
}
