// after-sales: refunds issued through the application service (`zt.afterSales.refund`, issue #15: an
// approved refund-only request → refunded, each on its own paid order line: the payment's refund record,
// the durable channel-refund job, the request saved, the order settled `fully_refunded` and its unit back
// on sale, the outbox; one transaction) by 16 concurrent clients on the local PostgreSQL, beside the floor
// for the same time, in the same run, one after the other (never both at once): pgbench running a minimal
// refund written as plain SQL (bench/lib/minimal-refund-floor.mjs): 1 refund insert, 1 guarded update of
// the line's refunded amount (`refunded + x <= paid`), 1 stock update, 1 stock-movement insert, 1 outbox
// insert. The floor is independent of the project's statements: its own tables (`floor_refund_…`, no name
// shared with zhongtai's), its own SQL written here, nothing captured from the library, so it does not
// get faster or slower when zhongtai's statements change; it says what the database can do for a refund.
// Set-up, through the library, before timing: a catalog of single-SKU products with ample stock (the
// order benches' catalog), then for each request a 1-line order (1 unit, a member of its own) placed,
// paid through the fake channel, a refund-only request opened for its unit and approved. The job runner
// is never started: the channel's refund calls (the `payment.channel-refund` jobs) are not in the timed part.
// Goal (issue #15): refunds/s ≥ 0.3 × the minimal refund's tps at 16 clients.
// Options: --seconds N (default 10, each side), --concurrency N (default 16), --skus N (default 200).
// Uses DATABASE_URL, else the local server postgres://postgres@127.0.0.1:5432/postgres; a scratch database is made and dropped.
import { loadavg } from 'node:os';
import pg from 'pg';
import { countWireStatements } from './lib/wire.mjs';
import { consignee, seedCatalog } from './lib/bench-catalog.mjs';
import { drive, settle } from './lib/closed-loop.mjs';
import { createRefundFloor, runRefundFloor } from './lib/minimal-refund-floor.mjs';
import { numberOption, withScratchDatabase } from './lib/options.mjs';

const GOAL = 0.3;

/** Every statement this process sends, and the time spent awaiting them (bench/lib/wire.mjs). */
const wire = countWireStatements();

/**
 * `count` approved refund-only requests, each on its own paid 1-line order (1 unit of a random SKU, a
 * member of its own: `bm-<from + i>`), made through the library by `concurrency` clients; their ids.
 * Fails on the first set-up error (a bench on a broken set-up measures nothing).
 */
async function approvedRequests(zt, fake, skus, from, count, concurrency) {
  const made = [];
  const r = await drive({
    concurrency,
    items: Array.from({ length: count }, (_, i) => from + i),
    work: async (n) => {
      const memberId = `bm-${n}`;
      const sku = skus[Math.floor(Math.random() * skus.length)];
      const placed = await zt.orders.place({
        memberId,
        buyNow: { skuId: sku.skuId, quantity: 1 },
        consignee,
        coupons: 'none',
        idempotencyKey: `afs-bench-${n}`,
      });
      const payment = await zt.payments.pay({ memberId, orderIds: placed.payableOrderIds, channel: 'fake' });
      await fake.complete(payment.number);
      const order = await zt.orderQueries.get({ memberId, orderId: placed.orderId });
      if (order.status !== 'pending_shipment') throw new Error(`order ${order.id} is ${order.status} once paid`);
      const opened = await zt.afterSales.open({
        memberId,
        orderId: order.id,
        type: 'refund_only',
        lines: [{ lineId: order.lines[0].lineId, quantity: 1 }],
        reason: 'no_longer_wanted',
      });
      const approved = await zt.afterSales.review({ requestId: opened.id, staffId: 'bench', approve: true });
      if (approved.status !== 'awaiting_refund') throw new Error(`request ${opened.id} is ${approved.status} once approved`);
      made.push(approved.id);
    },
  });
  if (r.failed > 0) throw new Error(`setting up ${count} approved requests failed ${r.failed} times: ${JSON.stringify(r.errors)}`);
  return made;
}

export async function main(args) {
  const seconds = numberOption(args, 'seconds', 10);
  const concurrency = numberOption(args, 'concurrency', 16);
  const skuCount = numberOption(args, 'skus', 200);
  await withScratchDatabase(async (url, dbName) => {
    const databaseUrl = url.toString();
    const { createZhongtai } = await import('../dist/index.js');
    const { fakePaymentChannel, FakePaymentChannel } = await import('../dist/adapters/channels/payment/index.js');
    const { mikroOrmPersistence } = await import('../dist/adapters/persistence/mikro-orm/index.js');
    let observed = 0;
    let capture = null;
    const persistence = await mikroOrmPersistence({
      url: databaseUrl,
      poolSize: concurrency, // one connection per client at most, as pgbench has
      onStatement: (text, params) => {
        observed += 1;
        capture?.push([text, params]);
      },
    });
    // The fake channel, configured by name (as tests and the demo do); no `zt.jobs.start()`: the job runner never runs here.
    const zt = createZhongtai({ persistence, ordering: { channels: [fakePaymentChannel()] } });
    const fake = zt.payments.channels.get('fake');
    if (!(fake instanceof FakePaymentChannel)) throw new Error('the bench needs the fake payment channel');
    const sql = (text, params = []) => persistence.orm.em.fork().execute(text, params);
    const refund = (requestId) => zt.afterSales.refund({ requestId, staffId: 'bench' });

    const setupStarted = performance.now();
    const skus = await seedCatalog(zt, skuCount);
    // Warm-up (JIT, prepared statements on every connection), then one refund alone to see its statements.
    const WARM = 1000;
    const warmRequests = await approvedRequests(zt, fake, skus, 1_000_000, WARM + 1, concurrency);
    const warm = await drive({ concurrency, seconds: 2, items: warmRequests.slice(0, WARM), work: refund });
    if (warm.failed > 0) throw new Error(`the warm-up's refunds failed ${warm.failed} times: ${JSON.stringify(warm.errors)}`);
    capture = [];
    const wireBefore = wire.statements;
    await refund(warmRequests[WARM]);
    const statements = capture;
    const roundTripsAlone = wire.statements - wireBefore;
    capture = null;

    // The timed run, with approved requests enough for 1.5 × the warm-up's rate.
    const needed = Math.ceil(Math.max(warm.perSecond, 100) * seconds * 1.5) + 500;
    const requests = await approvedRequests(zt, fake, skus, 2_000_000, needed, concurrency);
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    await settle(sql);
    const load0 = loadavg()[0];
    const [wire0, observed0, cpu0] = [{ ...wire }, observed, process.cpuUsage()];
    const app = await drive({ concurrency, seconds, items: requests, work: refund });
    const cpu = process.cpuUsage(cpu0);
    const attempts = Math.max(1, app.ok + app.failed);
    const roundTripsPerRefund = (wire.statements - wire0.statements) / attempts;
    const observedPerRefund = (observed - observed0) / attempts;
    const cpuMsPerRefund = (cpu.user + cpu.system) / 1000 / attempts;
    const dbWaitMsPerRefund = (wire.waitMs - wire0.waitMs) / attempts;

    // What the database holds afterwards: each refund issued once, with its channel job, nothing sent (no job runner).
    const [{ n: awaitingRefund }] = await sql(
      `select count(*)::int as n from after_sales_request where status = 'awaiting_refund' and snapshot->>'refundNumber' is not null`,
    );
    const [{ n: channelJobs }] = await sql(`select count(*)::int as n from job where kind = 'payment.channel-refund'`);
    const [{ n: closedOrders }] = await sql(`select count(*)::int as n from sales_order where status = 'closed' and member_id like 'bm-%'`);
    const issued = warm.ok + 1 + app.ok;
    await zt.close();

    // The floor (independent of zhongtai's statements): a minimal refund in plain SQL, same clients, same time, alone on the server.
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      await createRefundFloor((text) => admin.query(text));
      await admin.query('checkpoint');
    } finally {
      await admin.end();
    }
    const floor = runRefundFloor(url, dbName, concurrency, seconds);
    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    const {
      rows: [floorRows],
    } = await check.query(
      `select (select count(*)::int from floor_refund_record) as refunds, (select count(*)::int from floor_refund_line where refunded > paid) as overdrawn,
              (select count(*)::int from floor_refund_outbox) as outbox`,
    );
    await check.end();

    const ratio = app.perSecond / floor.tps;
    const r2 = (x) => Number(x.toFixed(2));
    const row = (name, text) => console.log(`${name.padEnd(36)} ${text}`);
    row(
      'application service, PostgreSQL',
      `${app.perSecond.toFixed(0).padStart(6)} refunds/s  p50 ${app.p50ms.toFixed(2)} ms  p99 ${app.p99ms.toFixed(2)} ms  ${app.failed} failed${app.exhausted ? ' (ran out of approved requests)' : ''}`,
    );
    row('pgbench, minimal refund', `${floor.tps.toFixed(0).padStart(6)} tps        (the floor; ${floor.transactions} transactions)`);
    row('ratio', `${ratio.toFixed(3).padStart(6)}            (goal ≥ ${GOAL}: ${ratio >= GOAL ? 'met' : 'not met'})`);
    console.log(
      `per refund (application service): ${statements.length} statements seen by the unit of work, ${roundTripsAlone} round trips on the wire for one refund alone ` +
        `(BEGIN and COMMIT included), ${roundTripsPerRefund.toFixed(2)} per refund in the timed run (outbox marks batched across refunds); the floor: 7 (BEGIN, 5, COMMIT)`,
    );
    console.log(
      `per refund: ${cpuMsPerRefund.toFixed(2)} ms of this process's CPU (a ceiling of ${(1000 / cpuMsPerRefund).toFixed(0)} refunds/s on one core), ` +
        `${dbWaitMsPerRefund.toFixed(2)} ms awaiting statements, ${app.p50ms.toFixed(2)} ms end to end at p50; pgbench: ${((1000 * concurrency) / floor.tps).toFixed(2)} ms per transaction`,
    );
    console.log(
      `set-up: ${skuCount} SKUs, ${warmRequests.length + requests.length} orders placed, paid, their requests opened and approved in ${setupSeconds.toFixed(0)} s; ` +
        `warm-up ${warm.perSecond.toFixed(0)} refunds/s; ${app.used} of ${requests.length} prepared requests used in the timed run`,
    );
    console.log(`load average at the start of the app's timed run: ${load0.toFixed(2)} on this machine (other processes slow both sides, not alike)`);
    if (app.failed > 0) console.log('failures:', JSON.stringify(app.errors));
    if (process.env.BENCH_VERBOSE) for (const [text] of statements) console.log(`  ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
    console.log(
      JSON.stringify({
        bench: 'after-sales',
        clients: concurrency,
        seconds,
        skus: skuCount,
        refundsPerSecond: Math.round(app.perSecond),
        p50ms: r2(app.p50ms),
        p99ms: r2(app.p99ms),
        refunds: app.ok,
        failed: app.failed,
        exhausted: app.exhausted,
        statementsPerRefund: statements.length,
        roundTripsPerRefund: r2(roundTripsPerRefund),
        observedStatementsPerRefund: r2(observedPerRefund),
        cpuMsPerRefund: r2(cpuMsPerRefund),
        dbWaitMsPerRefund: r2(dbWaitMsPerRefund),
        floorTps: Math.round(floor.tps),
        floorTransactions: floor.transactions,
        ratio: Number(ratio.toFixed(3)),
        goal: GOAL,
        met: ratio >= GOAL,
        loadAverage: Number(load0.toFixed(2)),
        // Consistency: every issued refund awaits the channel (no job runner), with its job; every refunded order closed; no floor line overdrawn.
        refundsMatchDatabase: awaitingRefund === issued && channelJobs === issued && closedOrders === issued,
        floorConsistent: floorRows.overdrawn === 0 && floorRows.refunds === floorRows.outbox && floorRows.refunds >= floor.transactions,
      }),
    );
  });
}
