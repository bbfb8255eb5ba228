// catalog-read: requests/s of `GET /catalog/spus/:id` through the full stack on PostgreSQL, beside a bare
// Express 5 handler returning the same JSON from memory; same client, same concurrency, same run.
// Goal (issue 2): ratio ≥ 0.5. Options: --seconds N (default 5), --concurrency N (default 16).
// Uses DATABASE_URL, else the local server postgres://postgres@127.0.0.1:5432/postgres; a scratch database is made and dropped.
import { load, printLoad } from './lib/load.mjs';
import { numberOption, openZhongtai, withScratchDatabase } from './lib/options.mjs';
import { startServer } from './lib/servers.mjs';

export async function main(args) {
  const seconds = numberOption(args, 'seconds', 5);
  const concurrency = numberOption(args, 'concurrency', 16);
  await withScratchDatabase(async (url) => {
    const databaseUrl = url.toString();
    // Migrate and load the demo catalog once, then benchmark the demo phone (6 SKUs).
    const { seedDemo } = await import('../dist/adapters/demo/index.js');
    const zt = await openZhongtai(databaseUrl);
    await seedDemo(zt);
    const { items } = await zt.catalog.queries.searchSpus({ keyword: 'NOVA-X1' }, { page: 1, size: 1 });
    await zt.close();
    const path = `/catalog/spus/${items[0].id}`;

    // Three sides: the full stack as shipped (its product detail cache on, 1 s TTL), the full stack with
    // the cache off (every request reads PostgreSQL), and the floor: bare Express answering from memory.
    const full = await startServer('./full-stack-server.mjs', { BENCH_DATABASE_URL: databaseUrl });
    const uncached = await startServer('./full-stack-server.mjs', { BENCH_DATABASE_URL: databaseUrl, BENCH_CACHE_TTL_MS: '0' });
    const body = await (await fetch(`http://127.0.0.1:${full.port}${path}`)).json();
    const bare = await startServer('./bare-express-server.mjs', { BENCH_BODY: JSON.stringify(body) });
    for (const side of [uncached, bare]) {
      const other = await (await fetch(`http://127.0.0.1:${side.port}${path}`)).json();
      if (JSON.stringify(other) !== JSON.stringify(body)) throw new Error('the servers do not answer the same JSON');
    }

    const run = (port, s) => load({ url: `http://127.0.0.1:${port}${path}`, concurrency, seconds: s });
    for (const side of [full, uncached, bare]) await run(side.port, 1); // warm-up: JIT, pool, plan cache
    const fullStack = await run(full.port, seconds);
    const fullStackUncached = await run(uncached.port, seconds);
    const bareExpress = await run(bare.port, seconds);
    for (const side of [full, uncached, bare]) await side.stop();

    printLoad('full stack, PostgreSQL (as shipped)', fullStack);
    printLoad('full stack, PostgreSQL, no cache', fullStackUncached);
    printLoad('bare Express 5, memory', bareExpress);
    const ratio = fullStack.rps / bareExpress.rps;
    console.log(
      JSON.stringify({
        bench: 'catalog-read',
        concurrency,
        seconds,
        fullStackRps: Math.round(fullStack.rps),
        fullStackUncachedRps: Math.round(fullStackUncached.rps),
        bareExpressRps: Math.round(bareExpress.rps),
        fullStackP99Ms: Number(fullStack.p99ms.toFixed(2)),
        failed: fullStack.failed + fullStackUncached.failed + bareExpress.failed,
        ratio: Number(ratio.toFixed(3)),
        uncachedRatio: Number((fullStackUncached.rps / bareExpress.rps).toFixed(3)),
        goal: 0.5,
        met: ratio >= 0.5,
      }),
    );
  });
}
