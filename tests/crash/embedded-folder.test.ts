// Issue #12 acceptance, the embedded folder has one owner (decision 0025): `zhongtai serve` runs on a
// data folder of its own (demo mode, embedded PGlite) while members place orders over HTTP; meanwhile a
// second process opens the same folder, once as the CLI (`check-stock`) and once as an embedding app
// (`mikroOrmPersistence({ dataDir })`): both are refused with the message naming the server, and write
// nothing (the server is stopped with SIGSTOP meanwhile, so every byte and modification time of the
// folder is theirs to change). The server is then killed with SIGKILL under load, and the folder
// reopens — taking over the dead server's lock — with every acknowledged order whole. Always on PGlite:
// it is about the embedded database, whatever DATABASE_URL says.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import { mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { killChildren, spawnTs } from '../support/ts-child.js';

const scratch = mkdtempSync(join(tmpdir(), 'zt-embedded-'));
const dataDir = join(scratch, 'data');
const env = { ZHONGTAI_DATA_DIR: dataDir, DATABASE_URL: undefined, ZHONGTAI_JWT_SECRET: undefined, PORT: '0', HOST: '127.0.0.1' };
const CLIENTS = 3;
const consignee = { name: '张三', phone: '13800000000', district: '330106', address: '文三路 1 号' };

let reopened: MikroOrmPersistence | undefined;
afterAll(async () => {
  killChildren();
  await reopened?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Every file and folder under `dir` with its size and modification time. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((name) => {
      const s = statSync(join(dir, name));
      return `${name} ${s.size} ${s.mtimeMs}`;
    });
}

interface Acknowledged {
  readonly orderId: string;
  readonly payable: string;
  readonly skuId: string;
}

describe('the embedded data folder has one owner (issue #12)', () => {
  it('beside a running server, a CLI command and an embedding app are refused naming it and write nothing; after SIGKILL the folder reopens with every acknowledged order', async () => {
    const server = spawnTs('adapters/cli/main.ts', ['serve'], env);
    const url = /listening on (http:\/\/\S+)/.exec(await server.line(/listening on http:/, 120_000))![1]!;
    const member = /export MEMBER=(\S+)/.exec(await server.line(/export MEMBER=/))![1]!;
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${member}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    // The SKUs of the demo catalog; those a member cannot buy now (a flash sale's limit, no stock) drop out.
    const { body: listed } = await call('get', '/catalog/spus?size=100');
    const skuIds: string[] = [];
    for (const { id } of listed.items as { id: string }[]) {
      const { body: spu } = await call('get', `/catalog/spus/${id}`);
      skuIds.push(...(spu.skus as { id: string }[]).map((s) => s.id));
    }
    expect(skuIds.length).toBeGreaterThan(3);

    const acked: Acknowledged[] = [];
    let placing = true;
    const client = async (c: number) => {
      for (let i = c; placing && skuIds.length > 0; i++) {
        const skuId = skuIds[i % skuIds.length]!;
        try {
          const { status, body } = await call('post', '/me/orders', { buyNow: { skuId, quantity: 1 }, consignee, coupons: 'none' });
          if (status === 201) acked.push({ orderId: body.orderId as string, payable: body.payable as string, skuId });
          else if (status < 500 && skuIds.includes(skuId)) skuIds.splice(skuIds.indexOf(skuId), 1);
        } catch {
          return; // the server is gone: an answer never came, so nothing was acknowledged
        }
      }
    };
    const clients = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    const waitForAcks = async (n: number) => {
      const deadline = Date.now() + 20_000;
      while (acked.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(acked.length).toBeGreaterThanOrEqual(n);
    };
    await waitForAcks(5);

    // The server is frozen (alive, holding the folder, writing nothing) while the others try.
    server.process.kill('SIGSTOP');
    try {
      const before = snapshot(dataDir);
      const cli = spawnTs('adapters/cli/main.ts', ['check-stock'], env);
      const app = spawnTs('tests/crash/open-folder-child.ts', ['library', dataDir], env);
      const [cliExit, appExit] = await Promise.all([cli.exitedWithin(30_000), app.exitedWithin(30_000)]);

      expect(cliExit.code).toBe(75);
      const said = cli.stderr();
      for (const text of [dataDir, `process ${server.pid}`, 'serve', 'GET /admin/inventory/layers/consistency', 'DATABASE_URL']) expect(said).toContain(text);
      expect(said).not.toMatch(/\n\s+at /); // one clear message, no stack
      expect(cli.stdout()).toBe('');

      expect(appExit.code).toBe(3);
      const refused = (JSON.parse(await app.line(/"refused"/)) as { refused: { pid: number; code: string; message: string } }).refused;
      expect(refused).toMatchObject({ pid: server.pid, code: 'DATA_FOLDER.LOCKED' });
      expect(refused.message).toContain(`process ${server.pid}`);

      expect(snapshot(dataDir)).toEqual(before);
    } finally {
      server.process.kill('SIGCONT');
    }

    // Still placing after the refusals; then killed under load.
    await waitForAcks(acked.length + 5);
    server.process.kill('SIGKILL');
    expect((await server.exited).signal).toBe('SIGKILL');
    placing = false;
    await clients;

    // The dead server's lock is taken over; every order it acknowledged is there as placed.
    reopened = await mikroOrmPersistence({ dataDir, migrate: false, readCacheTtlMs: 0 });
    const zt = createZhongtai({ persistence: reopened });
    for (const a of acked) {
      const order = await zt.orderQueries.staffGet({ orderId: a.orderId });
      expect(order.status).toBe('pending_payment');
      expect(order.amounts.payable.toString()).toBe(a.payable);
      expect(order.lines.map((l) => [l.skuId, l.quantity])).toEqual([[a.skuId, 1]]);
    }
    expect(await zt.inventory.checkLayeredStockConsistency()).toEqual([]);
  }, 240_000);
});
