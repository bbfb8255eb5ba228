// catalog-read: requests/s of `GET /catalog/spus/:id` through the full stack on PostgreSQL, beside a bare
// Express 5 handler returning the same JSON from memory; same client, same concurrency, same run.
// Goal (issue 2): ratio ≥ 0.5. Options: --seconds N (default 5), --concurrency N (default 16).
import pg from 'pg'; // MikroORM's driver, already installed
import { load } from './lib/load.mjs';
import { startServer } from './lib/servers.mjs';

export async function main(args) {
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const seconds = opt('seconds', 5);
  const concurrency = opt('concurrency', 16);
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `zt_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();

  try {
    // Migrate and load the demo catalog once, then benchmark the demo phone (6 SKUs).
    const { createZhongtai } = await import('../dist/index.js');
    const { mikroOrmPersistence } = await import('../dist/adapters/persistence/mikro-orm/index.js');
    const { seedDemo } = await import('../dist/adapters/demo/index.js');
    const zt = createZhongtai({ persistence: await mikroOrmPersistence({ url: databaseUrl }) });
    await seedDemo(zt);
    const { items } = await zt.catalog.queries.searchSpus({ keyword: 'NOVA-X1' }, { page: 1, size: 1 });
    await zt.close();
    const path = `/catalog/spus/${items[0].id}`;

    const full = await startServer('./full-stack-server.mjs', { BENCH_DATABASE_URL: databaseUrl });
    const body = await (await fetch(`http://127.0.0.1:${full.port}${path}`)).json();
    const bare = await startServer('./bare-express-server.mjs', { BENCH_BODY: JSON.stringify(body) });
    const bareBody = await (await fetch(`http://127.0.0.1:${bare.port}${path}`)).json();
    if (JSON.stringify(bareBody) !== JSON.stringify(body)) throw new Error('the two servers do not answer the same JSON');

    const run = (port, s) => load({ url: `http://127.0.0.1:${port}${path}`, concurrency, seconds: s });
    await run(full.port, 1); // warm-up: JIT, pool, plan cache
    await run(bare.port, 1);
    const fullStack = await run(full.port, seconds);
    const bareExpress = await run(bare.port, seconds);
    await full.stop();
    await bare.stop();

    console.log(`full stack on PostgreSQL: ${fullStack.rps.toFixed(0)} req/s (p50 ${fullStack.p50ms.toFixed(2)} ms, p99 ${fullStack.p99ms.toFixed(2)} ms, ${fullStack.failed} failed)`);
    console.log(`bare Express 5, memory:   ${bareExpress.rps.toFixed(0)} req/s (p50 ${bareExpress.p50ms.toFixed(2)} ms, p99 ${bareExpress.p99ms.toFixed(2)} ms, ${bareExpress.failed} failed)`);
    const ratio = fullStack.rps / bareExpress.rps;
    console.log(
      JSON.stringify({
        bench: 'catalog-read',
        concurrency,
        seconds,
        fullStackRps: Math.round(fullStack.rps),
        bareExpressRps: Math.round(bareExpress.rps),
        fullStackP99Ms: Number(fullStack.p99ms.toFixed(2)),
        failed: fullStack.failed + bareExpress.failed,
        ratio: Number(ratio.toFixed(3)),
        goal: 0.5,
        met: ratio >= 0.5,
      }),
    );
  } finally {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}
