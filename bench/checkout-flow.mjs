// checkout-flow: the whole member checkout over HTTP, as a shopper's app drives it (issue #14): read a
// product, add 3 lines to the cart, preview the checkout, place the order, open the payment, and the
// channel's signed success callback — each checkout by a new member, against the full stack in its own
// process (bench/lib/checkout-server.mjs, fake channel configured by name). On the local PostgreSQL at
// 1, 4, 16 and 64 clients, then on the embedded PGlite at 16 clients. SQL statements per checkout are
// counted from the wire (bench/lib/statement-counter.mjs, a relay in front of PostgreSQL counting the
// Query and Execute messages the server receives) over 20 checkouts at 1 client, per step as well.
// Goals (issue #14): ≥ 180 checkouts/s at 16 clients, ≤ 40 statements per checkout, 0 errors; on
// PGlite at 16 clients ≥ 40/s.
// Options: --seconds N (default 5 per client count), --pool N (the server's connections, default 16),
// --skus N (default 200), --clients 1,4,16,64, --show-statements (the text of every statement of the last
// counted checkout, per step).
// Uses DATABASE_URL, else the local server postgres://postgres@127.0.0.1:5432/postgres; a scratch database is made and dropped.
import http from 'node:http';
import { consignee, DISTRICT, seedCatalog } from './lib/bench-catalog.mjs';
import { numberOption, openZhongtai, withScratchDatabase } from './lib/options.mjs';
import { BENCH_SECRET } from './lib/secret.mjs';
import { startServer } from './lib/servers.mjs';
import { statementCounter } from './lib/statement-counter.mjs';

const STEPS = ['read', 'add', 'add', 'add', 'preview', 'place', 'pay', 'callback'];
const GOALS = { checkoutsPerSecond: 180, statementsPerCheckout: 40, pgliteCheckoutsPerSecond: 40 };

/** A keep-alive JSON client of one server: `call(method, path, body, token)` answers the parsed body, or throws with the status. */
export function client(port, concurrency) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const call = (method, path, body, token) =>
    new Promise((resolve, reject) => {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const headers = {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(text ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } : {}),
      };
      const req = http.request({ method, host: '127.0.0.1', port, path, agent, headers }, (res) => {
        let answer = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (answer += c));
        res.on('end', () => {
          if (res.statusCode >= 200 && res.statusCode < 300) return resolve(answer ? JSON.parse(answer) : null);
          const code = (() => {
            try {
              return JSON.parse(answer).code;
            } catch {
              return answer.slice(0, 80);
            }
          })();
          reject(
            Object.assign(new Error(`${method} ${path}: ${res.statusCode} ${code}`), {
              code: `${method} ${path.split('/').slice(0, 3).join('/')} ${res.statusCode} ${code}`,
            }),
          );
        });
      });
      req.on('error', reject);
      req.end(text);
    });
  return { call, close: () => agent.destroy() };
}

/** One member's checkout; `onStep(name)` after each answer. */
export async function checkout({ call }, { token, lines, channel }, onStep = () => {}) {
  await call('GET', `/catalog/spus/${lines[0].spuId}`);
  onStep('read');
  for (const line of lines) {
    await call('POST', '/me/cart/lines', { skuId: line.skuId, quantity: 1 }, token);
    onStep('add');
  }
  await call('POST', '/me/checkout/preview', { address: DISTRICT }, token);
  onStep('preview');
  const order = await call('POST', '/me/orders', { consignee }, token);
  onStep('place');
  const payment = await call('POST', '/me/payments', { orderIds: [order.orderId], channel: 'fake' }, token);
  onStep('pay');
  const paid = await call('POST', '/payments/callbacks/fake', channel.callbackFor(payment.number, { amount: payment.amount, currency: order.currency }));
  if (paid.outcome !== 'paid') throw Object.assign(new Error(`callback answered ${paid.outcome}`), { code: `callback ${paid.outcome}` });
  onStep('callback');
}

/** Members with tokens and 3 distinct random SKUs each, made as they are asked for. */
export function shoppers(skus, prefix, signToken) {
  let next = 0;
  return () => {
    const memberId = `${prefix}-${next++}`;
    const picked = new Set();
    while (picked.size < 3) picked.add(skus[Math.floor(Math.random() * skus.length)]);
    return { memberId, token: signToken({ subject: memberId, kind: 'member', roles: [] }, BENCH_SECRET), lines: [...picked] };
  };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

/** Closed loop: `concurrency` shoppers each start the next checkout as soon as theirs is paid. */
export async function drive({ api, concurrency, seconds, next, channel }) {
  let ok = 0;
  let failed = 0;
  const errors = new Map();
  const latencies = [];
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        await checkout(api, { ...next(), channel });
        ok += 1;
        latencies.push(performance.now() - started);
      } catch (error) {
        failed += 1;
        const code = error?.code ?? String(error);
        errors.set(code, (errors.get(code) ?? 0) + 1);
      }
    }
  };
  const begun = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - begun) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    checkouts: ok,
    failed,
    errors: Object.fromEntries(errors),
    perSecond: ok / elapsed,
    p50ms: percentile(latencies, 50),
    p99ms: percentile(latencies, 99),
  };
}

/**
 * Statements per checkout and per step, from the wire, over `count` checkouts at 1 client, in the steady
 * state of a shop whose catalog is being bought from: every product viewed and every SKU priced once (a
 * buy-now preview each), which fills the server's read caches as shoppers would; then 5 unmeasured checkouts.
 */
async function countStatements(databaseUrl, skus, next, channel, pool, show, count = 20) {
  const counter = await statementCounter(new URL(databaseUrl), { keep: show });
  const relayed = new URL(databaseUrl);
  relayed.hostname = '127.0.0.1';
  relayed.port = String(counter.port);
  const server = await startServer('./checkout-server.mjs', { BENCH_DATABASE_URL: relayed.toString(), BENCH_POOL: String(pool) });
  const api = client(server.port, 1);
  const settle = () => new Promise((r) => setTimeout(r, 50)); // what a step sends after answering (the outbox mark) belongs to it
  const browser = next();
  for (const { skuId, spuId } of skus) {
    await api.call('GET', `/catalog/spus/${spuId}`);
    await api.call('POST', '/me/checkout/preview', { address: DISTRICT, buyNow: { skuId, quantity: 1 } }, browser.token);
  }
  for (let i = 0; i < 5; i++) await checkout(api, { ...next(), channel });
  await settle();
  const perStep = Object.fromEntries(STEPS.map((s) => [s, 0]));
  const start = counter.counts.statements;
  const shown = [];
  for (let i = 0; i < count; i++) {
    let before = counter.counts.statements;
    const last = show && i === count - 1;
    await checkout(api, { ...next(), channel }, async (step) => {
      perStep[step] += counter.counts.statements - before;
      if (last) shown.push([step, counter.counts.texts.slice(before)]);
      before = counter.counts.statements;
    });
    await settle();
    perStep.callback += counter.counts.statements - before;
    if (last) shown.at(-1)[1].push(...counter.counts.texts.slice(before));
  }
  for (const [step, texts] of shown) {
    console.log(`-- ${step}: ${texts.length}`);
    for (const t of texts) console.log(`   ${t.replace(/\s+/g, ' ').slice(0, 150)}`);
  }
  const total = counter.counts.statements - start;
  api.close();
  await server.stop();
  await counter.close();
  return { perCheckout: total / count, perStep: Object.fromEntries(Object.entries(perStep).map(([k, v]) => [k, Number((v / count).toFixed(2))])) };
}

export async function main(args) {
  const seconds = numberOption(args, 'seconds', 5);
  const pool = numberOption(args, 'pool', 16);
  const skuCount = numberOption(args, 'skus', 200);
  const show = args.includes('--show-statements');
  const at = args.indexOf('--clients');
  const clientCounts = at >= 0 ? args[at + 1].split(',').map(Number) : [1, 4, 16, 64];
  const { signToken } = await import('../dist/adapters/http/express/index.js');
  const { FakePaymentChannel } = await import('../dist/adapters/channels/payment/index.js');
  const channel = new FakePaymentChannel({ secret: BENCH_SECRET }); // signs callbacks as the server's channel verifies them

  await withScratchDatabase(async (url) => {
    const databaseUrl = url.toString();
    const seeding = await openZhongtai(databaseUrl);
    const skus = await seedCatalog(seeding, skuCount);
    await seeding.persistence.orm.em.fork().execute('vacuum analyze');
    await seeding.close();

    const statements = await countStatements(databaseUrl, skus, shoppers(skus, 'cf-count', signToken), channel, pool, show);
    console.log(
      `statements per checkout: ${statements.perCheckout.toFixed(2)} (${STEPS.map((s, i) => (STEPS.indexOf(s) === i ? `${s} ${statements.perStep[s]}` : null))
        .filter(Boolean)
        .join(', ')}; add is the sum of 3)`,
    );

    const server = await startServer('./checkout-server.mjs', { BENCH_DATABASE_URL: databaseUrl, BENCH_POOL: String(pool) });
    const runs = [];
    for (const concurrency of clientCounts) {
      const api = client(server.port, concurrency);
      const next = shoppers(skus, `cf-${concurrency}`, signToken);
      await drive({ api, concurrency, seconds: 1, next, channel }); // warm-up
      const r = await drive({ api, concurrency, seconds, next, channel });
      api.close();
      runs.push(r);
      console.log(
        `PostgreSQL, ${String(concurrency).padStart(2)} clients: ${r.perSecond.toFixed(1).padStart(7)} checkouts/s  p50 ${r.p50ms.toFixed(1)} ms  p99 ${r.p99ms.toFixed(1)} ms  ${r.failed} failed`,
      );
    }
    await server.stop();

    const embedded = await startServer('./checkout-server.mjs', { BENCH_SKUS: String(skuCount) });
    const pgliteApi = client(embedded.port, 16);
    const pgliteNext = shoppers(embedded.skus, 'cf-pglite', signToken);
    await drive({ api: pgliteApi, concurrency: 16, seconds: 1, next: pgliteNext, channel });
    const pglite = await drive({ api: pgliteApi, concurrency: 16, seconds, next: pgliteNext, channel });
    pgliteApi.close();
    await embedded.stop();
    console.log(
      `PGlite (embedded), 16 clients: ${pglite.perSecond.toFixed(1).padStart(7)} checkouts/s  p50 ${pglite.p50ms.toFixed(1)} ms  ${pglite.failed} failed`,
    );

    const failures = [...runs, pglite].filter((r) => r.failed > 0);
    if (failures.length > 0) console.log('failures:', JSON.stringify(failures.map((r) => ({ clients: r.concurrency, errors: r.errors }))));
    const at16 = runs.find((r) => r.concurrency === 16);
    const failed = runs.reduce((n, r) => n + r.failed, 0) + pglite.failed;
    const ratio = at16 ? at16.perSecond / GOALS.checkoutsPerSecond : null;
    console.log(
      JSON.stringify({
        bench: 'checkout-flow',
        seconds,
        pool,
        checkoutsPerSecond: Object.fromEntries(runs.map((r) => [r.concurrency, Number(r.perSecond.toFixed(1))])),
        p50Ms: Object.fromEntries(runs.map((r) => [r.concurrency, Number(r.p50ms.toFixed(1))])),
        statementsPerCheckout: Number(statements.perCheckout.toFixed(2)),
        statementsPerStep: statements.perStep,
        pgliteCheckoutsPerSecond: Number(pglite.perSecond.toFixed(1)),
        failed,
        goals: GOALS,
        ratio: ratio === null ? null : Number(ratio.toFixed(3)),
        met:
          at16 !== undefined &&
          at16.perSecond >= GOALS.checkoutsPerSecond &&
          statements.perCheckout <= GOALS.statementsPerCheckout &&
          pglite.perSecond >= GOALS.pgliteCheckoutsPerSecond &&
          failed === 0,
      }),
    );
  });
}
