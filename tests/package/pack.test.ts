import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'zhongtai-pack-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// Scripts run on the pinned Node: its bin folder comes first on PATH, as under `npm run`.
const env = { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` };
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the published package', () => {
  it('packs, installs into a scratch project and imports under plain Node ESM with types', { timeout: 240_000 }, async () => {
    run(npm, ['pack', '--pack-destination', scratch, '--silent'], root);
    const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();

    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    run(npm, ['install', `./${tarball}`, '--prefer-offline', '--no-audit', '--no-fund', '--silent'], scratch);

    // Plain ESM: every subpath imports without side effects (the process exits on its own: no timers, servers, connections).
    writeFileSync(
      join(scratch, 'main.mjs'),
      `import { createZhongtai, Money, allocate } from 'zhongtai';
import { createApp } from 'zhongtai/express';
import { memoryPersistence } from 'zhongtai/memory';
import { mikroOrmPersistence } from 'zhongtai/mikro-orm';
const zt = createZhongtai({ persistence: memoryPersistence() });
const c = await zt.catalog.createCategory({ name: 'Tea' });
const parts = allocate(Money.of('10.00'), [1, 1, 1]).map(String);
console.log(JSON.stringify({ category: c.name, parts, app: typeof createApp, pg: typeof mikroOrmPersistence }));
`,
    );
    const out = run(process.execPath, ['main.mjs'], scratch);
    expect(JSON.parse(out)).toEqual({ category: 'Tea', parts: ['3.34', '3.33', '3.33'], app: 'function', pg: 'function' });

    // The README's embedding example runs as written against the installed package.
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const example = /## Embedding in 10 lines\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example?.split('\n').filter((l) => l.trim()).length).toBeLessThanOrEqual(10);
    writeFileSync(join(scratch, 'readme.mjs'), example!);
    expect(run(process.execPath, ['readme.mjs'], scratch)).toContain('128.00');

    // So does its mounting example: the router under /shop of the host's own app, on the port the snippet reads.
    const mounting = /## Mounting the HTTP API into an existing Express app\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    writeFileSync(join(scratch, 'mount.ts'), mounting!); // TypeScript, run by Node's own type stripping
    await expectMountedService(scratch);

    // Types: the declarations resolve through the export map under NodeNext resolution.
    writeFileSync(
      join(scratch, 'check.ts'),
      `import { createZhongtai, Money, type Zhongtai } from 'zhongtai';
import { createRouter, type HttpOptions } from 'zhongtai/express';
const zt: Zhongtai = createZhongtai();
const total: Money = Money.of('1.00').add(Money.of('2.00'));
const options: Omit<HttpOptions, 'authenticator'> = { zhongtai: zt };
export const router: typeof createRouter = createRouter;
export const checked: [string, unknown] = [total.toString(), options];
// @ts-expect-error a Money is not a number
export const wrong: number = Money.of('1.00');
`,
    );
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2023', strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ['check.ts'],
      }),
    );
    run(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], scratch);
  });
});

/** Runs the README's mounting example (`mount.ts`) on a free port and asks the host's route and the mounted router. */
async function expectMountedService(dir: string): Promise<void> {
  const port = await new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address() as { port: number };
      probe.close(() => done(p));
    });
  });
  const child = spawn(process.execPath, ['mount.ts'], {
    cwd: dir,
    env: { ...env, PORT: String(port), ZHONGTAI_JWT_SECRET: 'readme-secret-of-at-least-32-characters' },
    stdio: 'ignore',
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    let health: Response | undefined;
    for (let i = 0; i < 100 && !health; i++) {
      health = await fetch(`${base}/shop/health`).catch(() => new Promise<undefined>((r) => setTimeout(() => r(undefined), 100)));
    }
    expect(health?.status).toBe(200);
    expect(await health!.json()).toEqual({ status: 'ok', persistence: 'memory' });
    expect(await (await fetch(`${base}/`)).text()).toBe('my shop');
    const unknown = await fetch(`${base}/shop/nothing-here`);
    expect([unknown.status, unknown.headers.get('content-type')]).toEqual([404, 'application/problem+json; charset=utf-8']);
  } finally {
    child.kill();
  }
}
