// flash-sale: 64 clients lock stock through the application service (ChangeOrderStock) on the local
// PostgreSQL, beside PostgreSQL's own pgbench running a guarded single-row UPDATE with the same client
// count, in the same run. Scenario "hot": every lock hits one SKU. Scenario "spread": 10,000 SKUs.
// Goal (issue #3): ratio ≥ 0.5 of pgbench's transactions/s, oversold = 0.
// Options: --seconds N (default 5), --clients N (default 64).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { numberOption, withScratchDatabase } from './lib/options.mjs';

export async function main(args) {
  const seconds = numberOption(args, 'seconds', 5);
  const clients = numberOption(args, 'clients', 64);
  await withScratchDatabase(async (url, dbName) => {
    const { createZhongtai } = await import('../dist/index.js');
    const { mikroOrmPersistence } = await import('../dist/adapters/persistence/mikro-orm/index.js');
    // Each side runs alone: the app's pool is open only while the app runs (max_connections is 100).
    const open = async (poolSize) => {
      const persistence = await mikroOrmPersistence({ url: url.toString(), poolSize });
      return { zt: createZhongtai({ persistence }), sql: (text, params = []) => persistence.orm.em.fork().execute(text, params) };
    };
    const setup = await open(2);
    const sql = setup.sql;

    const SPREAD = 10_000;
    const STOCK = 10_000_000;
    await sql(`insert into sales_stock (sku_id, total, locked, sold, activity, oversell_allowance) values ('flash', ${STOCK}, 0, 0, 0, 0)`);
    await sql(`insert into sales_stock (sku_id, total, locked, sold, activity, oversell_allowance)
               select 'sku-' || i, ${STOCK}, 0, 0, 0, 0 from generate_series(1, ${SPREAD}) i`);
    // pgbench's table: the same guard on a bare row, no ledger.
    await sql(`create table bench_stock (sku_id text primary key, total int not null, locked int not null)`);
    await sql(`insert into bench_stock select 'flash', ${STOCK}, 0 union all select 'sku-' || i, ${STOCK}, 0 from generate_series(1, ${SPREAD}) i`);

    await setup.zt.close();

    const app = async (pickSku) => {
      const { zt } = await open(clients);
      let ok = 0;
      let n = 0;
      const latencies = [];
      const deadline = performance.now() + seconds * 1000;
      const client = async (c) => {
        while (performance.now() < deadline) {
          const started = performance.now();
          await zt.inventory.changeOrderStock({ action: 'lock', orderId: `o-${c}-${n++}`, lines: [{ skuId: pickSku(), quantity: 1 }] });
          latencies.push(performance.now() - started);
          ok += 1;
        }
      };
      const begun = performance.now();
      await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
      const elapsed = (performance.now() - begun) / 1000;
      await zt.close();
      latencies.sort((a, b) => a - b);
      const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? 0;
      return { locksPerSecond: ok / elapsed, p50ms: pct(50), p99ms: pct(99), locks: ok };
    };
    const pgbench = (script) => {
      const dir = mkdtempSync(join(tmpdir(), 'zt-pgbench-'));
      writeFileSync(join(dir, 'lock.sql'), script);
      const target = new URL(url);
      const out = execFileSync(
        'pgbench',
        [
          '-n',
          '-f',
          join(dir, 'lock.sql'),
          '-c',
          String(clients),
          '-j',
          '2',
          '-T',
          String(seconds),
          '-h',
          target.hostname,
          '-p',
          target.port || '5432',
          '-U',
          target.username || 'postgres',
          dbName,
        ],
        { encoding: 'utf8' },
      );
      return Number(/tps = ([\d.]+)/.exec(out)?.[1]);
    };

    const scenarios = {};
    for (const [name, pick, script] of [
      ['hot', () => 'flash', `UPDATE bench_stock SET locked = locked + 1 WHERE sku_id = 'flash' AND total - locked >= 1;\n`],
      [
        'spread',
        () => `sku-${1 + Math.floor(Math.random() * SPREAD)}`,
        `\\set id random(1, ${SPREAD})\nUPDATE bench_stock SET locked = locked + 1 WHERE sku_id = 'sku-' || :id AND total - locked >= 1;\n`,
      ],
    ]) {
      const a = await app(pick);
      const tps = pgbench(script);
      scenarios[name] = { ...a, pgbenchTps: tps, ratio: a.locksPerSecond / tps };
      console.log(
        `${name.padEnd(6)} app ${a.locksPerSecond.toFixed(0)} locks/s (p50 ${a.p50ms.toFixed(2)} ms, p99 ${a.p99ms.toFixed(2)} ms) · pgbench ${tps.toFixed(0)} tps · ratio ${(a.locksPerSecond / tps).toFixed(3)}`,
      );
    }
    const check = await open(2);
    const [oversold] = await check.sql(`select count(*)::int as n from sales_stock where total - locked - activity < 0`);
    const [locked] = await check.sql(`select coalesce(sum(locked), 0)::int as n from sales_stock`);
    const [movements] = await check.sql(`select count(*)::int as n from stock_movement`);
    await check.zt.close();
    const r = (x) => Math.round(x);
    console.log(
      JSON.stringify({
        bench: 'flash-sale',
        clients,
        seconds,
        hot: {
          locksPerSecond: r(scenarios.hot.locksPerSecond),
          p50ms: +scenarios.hot.p50ms.toFixed(2),
          p99ms: +scenarios.hot.p99ms.toFixed(2),
          pgbenchTps: r(scenarios.hot.pgbenchTps),
          ratio: +scenarios.hot.ratio.toFixed(3),
        },
        spread: {
          locksPerSecond: r(scenarios.spread.locksPerSecond),
          p50ms: +scenarios.spread.p50ms.toFixed(2),
          p99ms: +scenarios.spread.p99ms.toFixed(2),
          pgbenchTps: r(scenarios.spread.pgbenchTps),
          ratio: +scenarios.spread.ratio.toFixed(3),
        },
        oversold: oversold.n,
        ledgerMatches: locked.n === movements.n,
        ratio: +Math.min(scenarios.hot.ratio, scenarios.spread.ratio).toFixed(3),
        goal: 0.5,
        met: Math.min(scenarios.hot.ratio, scenarios.spread.ratio) >= 0.5 && oversold.n === 0,
      }),
    );
  });
}
