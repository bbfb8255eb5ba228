// A typed client generated from /openapi.json types every answer (issue #12, decision 0023).
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../adapters/http/express/index.js';
import { startTestServer, type TestServer } from '../support/http.js';

const SCRIPT = resolve('scripts/openapi-client.mjs');

interface Generated {
  readonly code: string;
  readonly operations: readonly string[];
  readonly untyped: readonly string[];
}

const operationId = (method: string, path: string) =>
  `${method}${path.replace(/:([A-Za-z0-9_]+)/g, '$1').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`;

describe('the typed client generated from /openapi.json (scripts/openapi-client.mjs)', () => {
  let s: TestServer;
  let dir: string;
  let generated: Generated;
  beforeAll(async () => {
    s = await startTestServer();
    dir = await mkdtemp(join(tmpdir(), 'zhongtai-client-'));
    const doc = (await s.request('GET', '/openapi.json')).body;
    await writeFile(join(dir, 'openapi.json'), JSON.stringify(doc));
    const { generateClient } = (await import(pathToFileURL(SCRIPT).href)) as { generateClient(doc: unknown): Promise<Generated> };
    generated = await generateClient(doc);
    await writeFile(join(dir, 'client.ts'), generated.code);
  }, 60_000);
  afterAll(async () => {
    await s.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('has one operation per route, and the generated file compiles under strict TypeScript', () => {
    expect([...generated.operations].sort()).toEqual(allRoutes.map((r) => operationId(r.method, r.path)).sort());
    const tsconfig = {
      compilerOptions: { strict: true, noEmit: true, target: 'es2023', lib: ['es2023'], types: [], skipLibCheck: true },
      files: ['client.ts'],
    };
    return writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig)).then(() => {
      const tsc = spawnSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);
    });
  }, 60_000);

  it('types the answer of every route that declares a response schema (none is unknown)', () => {
    const declared = new Set(allRoutes.filter((r) => r.response !== undefined).map((r) => operationId(r.method, r.path)));
    expect(declared.size).toBeGreaterThan(30);
    expect(generated.untyped.filter((id) => declared.has(id))).toEqual([]);
    expect(generated.code).toMatch(/getMeOrdersOrderId: \{\n(.*\n)*?response: OrderDetail\n\}/);
    expect(generated.code).toMatch(/export interface OrderDetail \{/);
    expect(generated.code).toMatch(/export type Money = string\n/);
    expect(generated.code).toContain('payable: Money');
  });

  it('finds an untyped answer: the check itself fails on an empty schema', async () => {
    const { generateClient } = (await import(pathToFileURL(SCRIPT).href)) as { generateClient(doc: unknown): Promise<Generated> };
    const doc = JSON.parse(await readFile(join(dir, 'openapi.json'), 'utf8'));
    doc.paths['/health'].get.responses['200'].content['application/json'].schema = {};
    expect((await generateClient(doc)).untyped).toContain('getHealth');
  });

  it('types the answer of every operation: no route is left without a response schema', () => {
    expect(generated.operations.length).toBe(allRoutes.length);
    expect(generated.untyped).toEqual([]);
  });

  it('runs as a command: file in, types out, the untyped operations named on stderr (exit 1 with --require-typed when any)', () => {
    const out = join(dir, 'cli.ts');
    const run = spawnSync(process.execPath, [SCRIPT, join(dir, 'openapi.json'), out, '--require-typed'], { encoding: 'utf8' });
    expect(run.stderr).toMatch(/^\d+ operations, 0 with an untyped answer/);
    expect(run.status).toBe(0);
  }, 60_000);
});
