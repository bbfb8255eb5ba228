#!/usr/bin/env node
// Generates TypeScript types for every operation of zhongtai's OpenAPI document: each operation's path
// parameters, query, headers, request body and success response, and an `Operations` map by operationId.
//
//   node scripts/openapi-client.mjs <openapi.json file or URL> [out.ts]
//
// Prints the types (or writes them to out.ts) and, on stderr, the operations whose success response is
// untyped (`unknown`: the route declares no `response` schema); exits 1 when there are any and
// `--require-typed` is given. Decision 0023. Uses json-schema-to-typescript (a dev dependency), which
// runs without the TypeScript compiler API (TypeScript 7 has none).
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const pascal = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const isEmptySchema = (s) => s === undefined || s === true || (typeof s === 'object' && s !== null && Object.keys(s).length === 0);
/** The document's `#/components/schemas/X` references as references to the generated root's `$defs`. */
const local = (schema) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"#/$defs/'));
const refName = (schema) => (typeof schema?.$ref === 'string' && Object.keys(schema).length === 1 ? schema.$ref.split('/').pop() : undefined);

/** An object schema of the parameters of one kind (`path`, `query`, `header`). */
function parametersSchema(parameters, where) {
  const ps = parameters.filter((p) => p.in === where);
  return {
    type: 'object',
    properties: Object.fromEntries(ps.map((p) => [p.name, p.schema ?? {}])),
    required: ps.filter((p) => p.required).map((p) => p.name),
    additionalProperties: false,
  };
}

/** The success status of an operation and its JSON schema (`null` for an answer without a body). */
function successOf(op) {
  const [status, response] = Object.entries(op.responses ?? {}).find(([code]) => /^2\d\d$/.test(code)) ?? [];
  if (status === undefined) return { status: undefined, schema: null };
  const schema = response.content?.['application/json']?.schema;
  return { status: Number(status), schema: response.content ? (schema ?? {}) : null };
}

/**
 * The operations of an OpenAPI 3.1 document as one JSON schema (titled parts become named types):
 * `{ [operationId]: { method, path, params, query, headers, body, response } }`.
 */
export function operationsSchema(doc) {
  const components = doc.components?.schemas ?? {};
  const operations = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      const name = pascal(op.operationId);
      const parameters = local(op.parameters ?? []);
      const body = op.requestBody?.content?.['application/json']?.schema;
      const success = successOf(op);
      // A named answer keeps its component's name; any other gets <OperationId>Response.
      const named = refName(success.schema);
      const response = success.schema === null ? { tsType: 'void' } : named ? local(success.schema) : { ...local(success.schema), title: `${name}Response` };
      operations.push({
        id: op.operationId,
        name,
        typeName: success.schema === null ? null : (named ?? `${name}Response`),
        untyped: success.schema !== null && isEmptySchema(named ? components[named] : success.schema),
        schema: {
          type: 'object',
          additionalProperties: false,
          required: ['method', 'path', 'status', 'params', 'query', 'headers', 'body', 'response'],
          properties: {
            method: { const: method },
            path: { const: path },
            status: success.status === undefined ? { tsType: 'never' } : { const: success.status },
            params: { ...parametersSchema(parameters, 'path'), title: `${name}Params` },
            query: { ...parametersSchema(parameters, 'query'), title: `${name}Query` },
            headers: { ...parametersSchema(parameters, 'header'), title: `${name}Headers` },
            body: body === undefined ? { tsType: 'never' } : { ...local(body), title: `${name}Body` },
            response,
          },
        },
      });
    }
  }
  const schema = {
    title: 'Operations',
    type: 'object',
    additionalProperties: false,
    required: operations.map((o) => o.id),
    properties: Object.fromEntries(operations.map((o) => [o.id, o.schema])),
    $defs: local(components),
  };
  return { schema, operations };
}

/** A declaration `export type X = …` or `export interface X {…}` that says nothing about the value (unknown, any, {}, only an index signature). */
function saysNothing(source, typeName) {
  const alias = new RegExp(`^export type ${typeName} = (.*)$`, 'm').exec(source);
  if (alias) return /^\(?\s*(unknown|any|\{\s*\})\s*\)?;?$/.test(alias[1].trim());
  const iface = new RegExp(`^export interface ${typeName} \\{\n([^]*?)^\\}`, 'm').exec(source);
  if (iface) return /^(\[k: string\]: (unknown|any)( \| undefined)?;?\s*)?$/.test(iface[1].trim());
  return true;
}

/**
 * The TypeScript types of every operation of `doc`, and the operations whose success answer is not
 * typed (an empty schema: `unknown`).
 */
export async function generateClient(doc, source = 'openapi.json') {
  const { schema, operations } = operationsSchema(doc);
  const banner = `/* Generated by scripts/openapi-client.mjs from ${source} (${doc.info?.title} ${doc.info?.version}). Do not edit. */`;
  const types = await compile(schema, 'Operations', { bannerComment: banner, format: false, additionalProperties: false, strictIndexSignatures: true });
  const extra = '\nexport type OperationId = keyof Operations;\nexport type ResponseOf<K extends OperationId> = Operations[K]["response"];\n';
  const code = types + extra;
  const untyped = operations.filter((o) => o.typeName !== null && (o.untyped || saysNothing(code, o.typeName))).map((o) => o.id);
  return { code, operations: operations.map((o) => o.id), untyped };
}

async function main(argv) {
  const args = argv.filter((a) => !a.startsWith('--'));
  const [input, out] = args;
  if (!input) {
    process.stderr.write('usage: node scripts/openapi-client.mjs <openapi.json file or URL> [out.ts] [--require-typed]\n');
    return 2;
  }
  const text = /^https?:\/\//.test(input) ? await (await fetch(input)).text() : await readFile(input, 'utf8');
  const { code, operations, untyped } = await generateClient(JSON.parse(text), input);
  if (out) await writeFile(out, code);
  else process.stdout.write(code);
  process.stderr.write(`${operations.length} operations, ${untyped.length} with an untyped answer${untyped.length ? `: ${untyped.join(', ')}` : ''}\n`);
  return untyped.length > 0 && argv.includes('--require-typed') ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
