// place-order: 3-line cart orders placed through the application service (`zt.orders.place`, issue #6
// item 2: checkout pricing, risk check, order, unpaid-timeout job, cart emptied, stock locked, outbox; one
// transaction) by 16 concurrent clients on the local PostgreSQL, then by 64, each beside the floor at the
// same client count for the same time, in the same run: pgbench running a minimal 3-line order written as
// plain SQL (bench/lib/minimal-order-floor.mjs; issue #14), independent of the project's statements.
// Also beside pgbench running the very statements of one placed order (captured with the statement
// observer, parameters inlined: how far the application is from its own SQL), and the same orders
// through HTTP (`POST /me/orders`, full stack in its own process). Catalog: 200 SKUs of the platform's
// shop, no activities, no freight rules (free shipping), one warehouse with ample stock; every buyer's
// cart holds 3 of the SKUs, picked at random, and each order empties one cart (carts are written straight
// into the `cart` table beforehand).
// Goal (issue #14): orders/s ≥ 0.5 × the minimal order's tps at 16 clients.
// Options: --seconds N (default 10, each side), --concurrency N (default 16), --wide N (default 64),
// --skus N (default 200), --verbose (pgbench's latency per statement), --diagnose (the same statements
// sent by node-postgres alone, for where the time goes).
// Uses DATABASE_URL, else the local server postgres://postgres@127.0.0.1:5432/postgres; a scratch database is made and dropped.
import http from 'node:http';
import { loadavg } from 'node:os';
import pg from 'pg';
import { countWireStatements } from './lib/wire.mjs';
import { consignee, seedCatalog as seed } from './lib/bench-catalog.mjs';
import { drive as closedLoop, settle } from './lib/closed-loop.mjs';
import { createFloor, pgbench, runFloor } from './lib/minimal-order-floor.mjs';
import { numberOption, openZhongtai, withScratchDatabase } from './lib/options.mjs';
import { startServer } from './lib/servers.mjs';
import { BENCH_SECRET } from './lib/secret.mjs';

const { isPlainRead } = await import('../dist/adapters/persistence/mikro-orm/db.js');

const LINES = 3;
// Member ids of fixed width, so pgbench can make them from a number: one range per side.
const MEMBERS = { app: 1_000_000, pgbench: 2_000_000, http: 3_000_000 };
const memberId = (base, i) => `bm-${base + i}`;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Every statement this process sends, and the time spent awaiting them (bench/lib/wire.mjs). */
const wire = countWireStatements();

/** `count` members from `base + from` on, each with a cart of 3 distinct random SKUs, selected (as `zt.cart.add` leaves them). */
async function fillCarts(sql, skus, base, from, count) {
  const at = new Date().toISOString();
  for (let start = from; start < from + count; start += 5000) {
    const rows = [];
    for (let i = start; i < Math.min(from + count, start + 5000); i++) {
      const picked = new Set();
      while (picked.size < LINES) picked.add(skus[Math.floor(Math.random() * skus.length)]);
      rows.push({ m: memberId(base, i), l: [...picked].map((s) => ({ skuId: s.skuId, quantity: 1, addedAt: at, selected: true, priceWhenAdded: s.price })) });
    }
    // One JSON parameter (MikroORM's `execute` spreads array parameters into lists).
    await sql(
      `insert into cart (id, owner_kind, owner_id, lines, merged_into, updated_at, version)
       select 'member:' || m, 'member', m, l, null, now(), ${LINES} from jsonb_to_recordset(?::jsonb) as t(m text, l jsonb)`,
      [JSON.stringify(rows)],
    );
  }
}

/** The closed loop over members' carts: each client places the next member's cart as soon as the last order is acknowledged. */
async function drive({ concurrency, seconds, members, place }) {
  const r = await closedLoop({ concurrency, seconds, items: members, work: place });
  return { ...r, orders: r.ok, ordersPerSecond: r.perSecond };
}

/** A parameter as a SQL literal (what node-postgres would bind: arrays in PostgreSQL's array syntax, dates in ISO 8601). */
function literal(v) {
  const quote = (s) => `'${s.replaceAll("'", "''")}'`;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return quote(v.toISOString());
  if (Array.isArray(v)) {
    const item = (x) =>
      x === null
        ? 'NULL'
        : `"${String(x instanceof Date ? x.toISOString() : x)
            .replaceAll('\\', '\\\\')
            .replaceAll('"', '\\"')}"`;
    return quote(`{${v.map(item).join(',')}}`);
  }
  if (typeof v === 'object') return quote(JSON.stringify(v));
  return quote(String(v));
}

/**
 * The pgbench script of one placed order: its captured statements with their parameters inlined, the
 * keys varied per transaction: fresh ids (the order's, the stock movements') and the order number from
 * `random()`, the member from the pgbench range, the three SKUs (and their SPUs) from one of `variants`
 * random triples of the catalog (same lock order as the app: ascending SKU id). The cart update's
 * optimistic guard becomes `version = version + 1` (it must write the row, as the app's does). The outbox
 * rows are not marked published per order: the application marks many orders' rows in one statement.
 */
function pgbenchScript({ statements, placed, member, skus, known, memberCount, variants }) {
  const inlined = statements.map(([text, params]) => text.replace(/\$(\d+)/g, (_, n) => literal(params[Number(n) - 1])));
  const fresh = [
    ...new Set(
      inlined
        .join('\n')
        .match(UUID)
        .filter((id) => !known.has(id)),
    ),
  ];
  if (!fresh.includes(placed.orderId)) throw new Error('the captured statements do not write the placed order');
  if (/:zt(order|member)\b/.test(inlined.join('\n'))) throw new Error('a statement already contains a pgbench variable name');
  const ofSku = new Map(skus.map((s) => [s.skuId, s]));
  const placedSkus = [
    ...new Set(
      inlined
        .join('\n')
        .match(UUID)
        .filter((id) => ofSku.has(id)),
    ),
  ].sort();
  if (placedSkus.length !== LINES) throw new Error(`expected ${LINES} SKUs in the captured statements, found ${placedSkus.length}`);
  const cartGuard = /"version" = \d+ where "id" = ('[^']*') and "version" = \d+/;
  let guards = 0;
  const keyed = inlined.map((s) => {
    let out = s;
    for (const [i, id] of fresh.entries()) out = out.replaceAll(id, `pgb-:ztorder-${i}`);
    out = out.replaceAll(placed.number, 'N:ztorder').replaceAll(member, 'bm-:ztmember');
    if (cartGuard.test(out)) {
      guards += 1;
      out = out.replace(cartGuard, '"version" = "version" + 1 where "id" = $1');
    }
    return out;
  });
  if (guards !== 1) throw new Error(`expected one guarded cart update, found ${guards}`);
  const outbox = keyed.findIndex((s) => /\binsert into outbox\b/.test(s));
  if (outbox < 0 || outbox !== keyed.length - 1) throw new Error('expected the outbox insert last');
  // As the unit of work sends them: the plain reads before the first write outside the transaction (decision 0030).
  const firstWrite = keyed.findIndex((s) => !isPlainRead(s));
  const variant = () => {
    const picked = new Set();
    while (picked.size < LINES) picked.add(skus[Math.floor(Math.random() * skus.length)].skuId);
    const triple = [...picked].sort();
    const swap = new Map(
      placedSkus.flatMap((id, i) => [
        [id, triple[i]],
        [ofSku.get(id).spuId, ofSku.get(triple[i]).spuId],
      ]),
    );
    const pattern = new RegExp([...swap.keys()].join('|'), 'g');
    return keyed.map((s) => s.replace(pattern, (id) => swap.get(id)));
  };
  const all = Array.from({ length: variants }, variant);
  const lines = [
    '-- zhongtai place-order: the statements of one placed order (bench/place-order.mjs)',
    '\\set ztorder random(1, 999999999999999)',
    `\\set ztmember random(${MEMBERS.pgbench}, ${MEMBERS.pgbench + memberCount - 1})`,
    `\\set ztvariant random(1, ${variants})`,
  ];
  for (const [v, statements] of all.entries()) {
    lines.push(
      `${v === 0 ? '\\if' : '\\elif'} :ztvariant = ${v + 1}`,
      ...statements.slice(0, firstWrite).map((s) => `${s};`),
      'BEGIN;',
      ...statements.slice(firstWrite).map((s) => `${s};`),
    );
  }
  lines.push('\\endif', 'COMMIT;', '');
  return { script: lines.join('\n'), variants: all, memberCount };
}

/**
 * `--diagnose`: the pgbench script's transactions sent by node-postgres from this process (same
 * clients, same time): the floor of a Node client doing nothing but the statements, between pgbench
 * (a C client) and the application service (the same statements plus the use case's own work).
 */
async function replay(url, { variants, memberCount }, concurrency, seconds) {
  const pool = new pg.Pool({ connectionString: url.toString(), max: concurrency });
  const fill = (s, order, member) => s.replaceAll(':ztorder', String(order)).replaceAll(':ztmember', String(member));
  const cpu0 = process.cpuUsage();
  const r = await drive({
    concurrency,
    seconds,
    members: { length: Infinity }, // no carts: any number of transactions
    place: async () => {
      const order = 1 + Math.floor(Math.random() * 999_999_999_999_999);
      const member = MEMBERS.pgbench + Math.floor(Math.random() * memberCount);
      const statements = variants[Math.floor(Math.random() * variants.length)];
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        for (const s of statements) await c.query(fill(s, order, member));
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    },
  });
  const cpu = process.cpuUsage(cpu0);
  await pool.end();
  return { ...r, cpuMsPerOrder: (cpu.user + cpu.system) / 1000 / Math.max(1, r.orders) };
}

/** POST /me/orders for each member with their own token, on keep-alive connections. */
function httpPlacer(port, concurrency) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const body = JSON.stringify({ consignee });
  const place = ({ token }) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          method: 'POST',
          host: '127.0.0.1',
          port,
          path: '/me/orders',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (text += c));
          res.on('end', () =>
            res.statusCode === 201 ? resolve(text) : reject(Object.assign(new Error(text), { code: `HTTP ${res.statusCode} ${text.slice(0, 120)}` })),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { place, close: () => agent.destroy() };
}

export async function main(args) {
  const seconds = numberOption(args, 'seconds', 10);
  const concurrency = numberOption(args, 'concurrency', 16);
  // The same orders at more clients too (issue #14: 16 and 64), each beside the floor at that count.
  const wide = numberOption(args, 'wide', 64);
  const skuCount = numberOption(args, 'skus', 200);
  // --verbose: pgbench's per-statement latencies, and where the script was written.
  const verbose = args.includes('--verbose');
  // --diagnose: also the same statements sent by node-postgres alone, without the use case.
  const diagnose = args.includes('--diagnose');
  await withScratchDatabase(async (url, dbName) => {
    const databaseUrl = url.toString();
    const { signToken } = await import('../dist/adapters/http/express/index.js');
    let capture = null;
    let observed = 0;
    const zt = await openZhongtai(databaseUrl, {
      poolSize: Math.max(concurrency, wide), // one connection per client at most, as pgbench has
      onStatement: (text, params) => {
        observed += 1;
        capture?.push([text, params]);
      },
    });
    const sql = (text, params = []) => zt.persistence.orm.em.fork().execute(text, params);
    const skus = await seed(zt, skuCount);
    const place = (member) => zt.orders.place({ memberId: member, consignee });

    // Warm-up (JIT, prepared statements on every connection), then one order alone to capture its statements.
    const WARM = 4000;
    const range = (from, count) => Array.from({ length: count }, (_, i) => memberId(MEMBERS.app, from + i));
    await fillCarts(sql, skus, MEMBERS.app, 0, WARM);
    const warm = await drive({ concurrency, seconds: 2, members: range(0, WARM - 1), place });
    const representative = memberId(MEMBERS.app, WARM - 1);
    capture = [];
    const placed = await place(representative);
    const statements = capture;
    capture = null;

    // The timed run, with carts enough for 1.5 × the warm-up's rate.
    const needed = Math.ceil(Math.max(warm.ordersPerSecond, 200) * seconds * 1.5) + 1000;
    await fillCarts(sql, skus, MEMBERS.app, WARM, needed);
    await settle(sql);
    const load0 = loadavg()[0];
    const [wire0, observed0, cpu0] = [{ ...wire }, observed, process.cpuUsage()];
    const app = await drive({ concurrency, seconds, members: range(WARM, needed), place });
    const cpu = process.cpuUsage(cpu0);
    const attempts = Math.max(1, app.orders + app.failed);
    const roundTripsPerOrder = (wire.statements - wire0.statements) / attempts;
    const observedPerOrder = (observed - observed0) / attempts;
    // Where an order's time goes: this process's CPU (JS, driver, GC) and the time its statements were awaited.
    const cpuMsPerOrder = (cpu.user + cpu.system) / 1000 / attempts;
    const dbWaitMsPerOrder = (wire.waitMs - wire0.waitMs) / attempts;
    // The wide run: its own carts, after the measured one (its figures do not enter the per-order costs above).
    const wideNeeded = Math.ceil(Math.max(app.ordersPerSecond, 200) * seconds * 2) + 1000;
    await fillCarts(sql, skus, MEMBERS.app, WARM + needed, wideNeeded);
    await settle(sql);
    const appWide = await drive({ concurrency: wide, seconds, members: range(WARM + needed, wideNeeded), place });
    const [{ n: orderRows }] = await sql(`select count(*)::int as n from sales_order where member_id like 'bm-%'`);
    const [{ n: lockedUnits }] = await sql('select coalesce(sum(locked), 0)::int as n from sales_stock');
    const known = new Set(
      (await sql('select id from sku union all select id from spu union all select id from warehouse union all select id from category')).map((r) => r.id),
    );
    await zt.close();

    // pgbench: the same statements, same clients, same time, alone on the server.
    const pgbenchMembers = 20_000;
    const helper = await openZhongtai(databaseUrl, { poolSize: 2, migrate: false });
    const helperSql = (text, params = []) => helper.persistence.orm.em.fork().execute(text, params);
    await fillCarts(helperSql, skus, MEMBERS.pgbench, 0, pgbenchMembers);
    await settle(helperSql);
    await helper.close();
    const { script, ...replayable } = pgbenchScript({ statements, placed, member: representative, skus, known, memberCount: pgbenchMembers, variants: 32 });
    pgbench(url, dbName, script, ['-c', '1', '-t', '5'], 'place-order'); // a dry run: fails loudly if the script is wrong
    const bench = pgbench(url, dbName, script, ['-c', String(concurrency), '-j', '2', '-T', String(seconds), ...(verbose ? ['-r'] : [])], 'place-order');
    if (verbose) console.log(`${bench.out}\nscript: ${bench.file}`);
    // The floor (independent of zhongtai's statements): a minimal 3-line order in plain SQL, same client counts.
    await createFloor(async (text) => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      try {
        await c.query(text);
      } finally {
        await c.end();
      }
    });
    const floor = runFloor(url, dbName, concurrency, seconds);
    const floorWide = runFloor(url, dbName, wide, seconds);
    const nodeReplay = diagnose ? await replay(url, replayable, concurrency, seconds) : null;

    // The same orders through HTTP: the full stack in its own process.
    const httpNeeded = Math.ceil(Math.max(app.ordersPerSecond, 100) * (seconds + 1) * 1.5) + 1000;
    const filler = await openZhongtai(databaseUrl, { poolSize: 2, migrate: false });
    await fillCarts((text, params = []) => filler.persistence.orm.em.fork().execute(text, params), skus, MEMBERS.http, 0, httpNeeded);
    await filler.close();
    const httpMembers = Array.from({ length: httpNeeded }, (_, i) => {
      const id = memberId(MEMBERS.http, i);
      return { id, token: signToken({ subject: id, kind: 'member', roles: [] }, BENCH_SECRET) };
    });
    const server = await startServer('./full-stack-server.mjs', { BENCH_DATABASE_URL: databaseUrl });
    const client = httpPlacer(server.port, concurrency);
    const httpWarm = await drive({ concurrency, seconds: 1, members: httpMembers, place: client.place });
    const httpRun = await drive({ concurrency, seconds, members: httpMembers.slice(httpWarm.used), place: client.place });
    client.close();
    await server.stop();

    const ratio = app.ordersPerSecond / floor.tps;
    const ratioWide = appWide.ordersPerSecond / floorWide.tps;
    const sameStatementsRatio = app.ordersPerSecond / bench.tps;
    const fmt = (r) =>
      `${r.ordersPerSecond.toFixed(0).padStart(6)} orders/s  p50 ${r.p50ms.toFixed(2)} ms  p99 ${r.p99ms.toFixed(2)} ms  ${r.failed} failed${r.exhausted ? ' (ran out of carts)' : ''}`;
    console.log(`${'application service, PostgreSQL'.padEnd(34)} ${fmt(app)}`);
    console.log(`${'pgbench, minimal 3-line order'.padEnd(34)} ${floor.tps.toFixed(0).padStart(6)} tps      (the floor; ${floor.transactions} transactions)`);
    console.log(`${`application service, ${wide} clients`.padEnd(34)} ${fmt(appWide)}`);
    console.log(`${`pgbench, minimal order, ${wide} clients`.padEnd(34)} ${floorWide.tps.toFixed(0).padStart(6)} tps`);
    console.log(
      `${'pgbench, same statements'.padEnd(34)} ${bench.tps.toFixed(0).padStart(6)} tps      (${bench.transactions} transactions; ratio ${sameStatementsRatio.toFixed(3)})`,
    );
    if (nodeReplay) {
      console.log(
        `${'node-postgres, same statements'.padEnd(34)} ${nodeReplay.ordersPerSecond.toFixed(0).padStart(6)} tps      p50 ${nodeReplay.p50ms.toFixed(2)} ms  p99 ${nodeReplay.p99ms.toFixed(2)} ms  ${nodeReplay.cpuMsPerOrder.toFixed(2)} ms CPU per transaction  ${nodeReplay.failed} failed`,
      );
    }
    console.log(`${'HTTP POST /me/orders, full stack'.padEnd(34)} ${fmt(httpRun)}`);
    console.log(
      `statements per order: ${statements.length} (the reads before the first write outside the transaction, then BEGIN, the writes, COMMIT; outbox marks batched across orders); ` +
        `${roundTripsPerOrder.toFixed(2)} round trips per order measured on the wire; ratio to the minimal order ${ratio.toFixed(3)} at ${concurrency} clients (goal ≥ 0.5), ${ratioWide.toFixed(3)} at ${wide}`,
    );
    console.log(
      `per order (application service): ${cpuMsPerOrder.toFixed(2)} ms of this process's CPU (a ceiling of ${(1000 / cpuMsPerOrder).toFixed(0)} orders/s on one core), ` +
        `${dbWaitMsPerOrder.toFixed(2)} ms awaiting statements, ${app.p50ms.toFixed(2)} ms end to end at p50; pgbench: ${((1000 * concurrency) / bench.tps).toFixed(2)} ms per transaction`,
    );
    console.log(`load average at the start of the app's timed run: ${load0.toFixed(2)} on this machine (other processes slow both sides, not alike)`);
    if (app.failed + appWide.failed + httpRun.failed > 0)
      console.log('failures:', JSON.stringify({ app: app.errors, wide: appWide.errors, http: httpRun.errors }));
    const r2 = (x) => Number(x.toFixed(2));
    console.log(
      JSON.stringify({
        bench: 'place-order',
        skus: skuCount,
        linesPerOrder: LINES,
        concurrency,
        seconds,
        ordersPerSecond: Math.round(app.ordersPerSecond),
        p50Ms: r2(app.p50ms),
        p99Ms: r2(app.p99ms),
        orders: app.orders,
        statementsPerOrder: statements.length,
        observedStatementsPerOrder: r2(observedPerOrder),
        roundTripsPerOrder: r2(roundTripsPerOrder),
        cpuMsPerOrder: r2(cpuMsPerOrder),
        dbWaitMsPerOrder: r2(dbWaitMsPerOrder),
        floorTps: Math.round(floor.tps),
        ratio: Number(ratio.toFixed(3)),
        goal: 0.5,
        met: ratio >= 0.5,
        wideConcurrency: wide,
        wideOrdersPerSecond: Math.round(appWide.ordersPerSecond),
        wideFloorTps: Math.round(floorWide.tps),
        wideRatio: Number(ratioWide.toFixed(3)),
        sameStatementsPgbenchTps: Math.round(bench.tps),
        sameStatementsRatio: Number(sameStatementsRatio.toFixed(3)),
        ...(nodeReplay ? { nodePgReplayTps: Math.round(nodeReplay.ordersPerSecond), nodePgReplayCpuMsPerTransaction: r2(nodeReplay.cpuMsPerOrder) } : {}),
        httpOrdersPerSecond: Math.round(httpRun.ordersPerSecond),
        httpP50Ms: r2(httpRun.p50ms),
        httpP99Ms: r2(httpRun.p99ms),
        failed: app.failed + appWide.failed + httpRun.failed,
        loadAverage: Number(load0.toFixed(2)),
        exhausted: app.exhausted || appWide.exhausted || httpRun.exhausted,
        ordersInDatabase: orderRows,
        stockLockedMatchesOrders: lockedUnits === LINES * orderRows,
      }),
    );
  });
}
