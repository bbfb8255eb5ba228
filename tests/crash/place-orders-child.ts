// The process tests/crash/place-order-crash.postgres.test.ts kills with SIGKILL: it opens the library
// on the database it is given and places orders from many concurrent clients until it dies. Each client
// fills a new member's cart with lines of two shops (so every order splits, ORD-5), places it, and only
// then appends the answer to the acknowledgement file, fsynced: a line there is an order the caller was
// told was placed. Run by Node with type stripping and ./ts-hooks.mjs (`.js` imports to the `.ts` sources).
//
// Environment: CRASH_DATABASE_URL, CRASH_ACK_FILE, CRASH_STARTED_FILE (a member per line, written as its
// placing begins; `-member` when it failed), CRASH_CLIENTS, CRASH_SKUS ({ shopA: [...], platform: [...] }).
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import { mikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { randomLines, type Acknowledged } from './orders-world.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const clients = Number(env('CRASH_CLIENTS'));
const skus = JSON.parse(env('CRASH_SKUS')) as { shopA: string[]; platform: string[] };
const ack = openSync(env('CRASH_ACK_FILE'), 'a');
const started = openSync(env('CRASH_STARTED_FILE'), 'a');
const zt = createZhongtai({ persistence: await mikroOrmPersistence({ url: env('CRASH_DATABASE_URL'), migrate: false, poolSize: clients, readCacheTtlMs: 0 }) });
const consignee = { name: '张三', phone: '13800000000', district: '330106', address: '文三路 1 号' };

async function client(c: number): Promise<never> {
  for (let i = 0; ; i++) {
    const memberId = `crash-${c}-${i}`;
    try {
      const lines = randomLines(skus);
      for (const [skuId, quantity] of Object.entries(lines)) await zt.cart.add({ owner: { kind: 'member', id: memberId }, skuId, quantity });
      writeSync(started, `${memberId}\n`); // no fsync: the file outlives the process, and only the OS crashing would lose it
      const placed = await zt.orders.place({ memberId, consignee });
      const line: Acknowledged = {
        memberId,
        orderId: placed.orderId,
        payable: placed.payable,
        children: placed.children.map((ch) => ({ orderId: ch.orderId, payable: ch.payable })),
        lines,
      };
      writeSync(ack, `${JSON.stringify(line)}\n`);
      fsyncSync(ack);
    } catch (error) {
      // A refused placing (a retryable conflict) is no acknowledgement, and no placing under way either.
      writeSync(started, `-${memberId}\n`);
      process.stderr.write(`client ${c}: ${(error as Error).message}\n`);
    }
  }
}

process.on('exit', () => {
  closeSync(ack);
  closeSync(started);
});
await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
