// pricing: median time of `pricing.priceOrder` (the pure domain engine, issue #4) for carts of 10, 100
// and 1,000 lines × 10 and 100 live activities × 5 and 20 member coupons, on generated but fixed data
// (a seeded generator: every run prices the same orders).
// Figures: median ms per configuration; growth exponents (the log-log slope of time against
// lines × applicable rules, and against lines alone); the ratio 20 coupons / 5 coupons. Goal: ≤ 4.
// Options: --min-ms N (time spent per configuration, default 600), --min-runs N (default 9).
import { numberOption } from './lib/options.mjs';

const SHOPS = 5;
const CATEGORIES = 20;
const BRANDS = 8;
const SKUS = 2_000;

/** A small deterministic generator (LCG), so that runs are comparable. */
function rng(seed) {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return { next, int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), pick: (xs) => xs[Math.floor(next() * xs.length)] };
}
const yuan = (fen) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

function lines(n, r) {
  return Array.from({ length: n }, (_, i) => {
    const sku = r.int(0, SKUS - 1);
    return {
      lineId: `l${String(i).padStart(5, '0')}`,
      skuId: `sku-${sku}`,
      productId: `spu-${Math.floor(sku / 4)}`,
      categoryIds: ['root', `cat-${sku % CATEGORIES}`],
      brandId: `brand-${sku % BRANDS}`,
      shopId: `shop-${sku % SHOPS}`,
      selfRun: sku % SHOPS === 0,
      quantity: r.int(1, 3),
      unitPrice: yuan(r.int(500, 50_000)),
    };
  });
}

/** A mix of every kind, scoped to a shop, a category, a brand or some SKUs; one in ten exclusive. */
function activities(n, r) {
  return Array.from({ length: n }, (_, i) => {
    const scope = r.pick([
      { kind: 'categories', ids: [`cat-${r.int(0, CATEGORIES - 1)}`] },
      { kind: 'brands', ids: [`brand-${r.int(0, BRANDS - 1)}`] },
      { kind: 'shops', ids: [`shop-${r.int(0, SHOPS - 1)}`] },
      { kind: 'skus', ids: Array.from({ length: 20 }, () => `sku-${r.int(0, SKUS - 1)}`).filter((x, k, xs) => xs.indexOf(x) === k) },
    ]);
    const base = { id: `act-${String(i).padStart(3, '0')}`, priority: r.int(0, 9), stacking: i % 10 === 3 ? 'exclusive' : 'shared', scope };
    switch (i % 8) {
      case 0:
        return { ...base, kind: 'single_item', percentOff: String(r.int(5, 30)) };
      case 1:
        return {
          ...base,
          kind: 'full_reduction',
          rule: {
            mode: 'tiered',
            tiers: [
              { threshold: '200.00', off: '20.00' },
              { threshold: '500.00', off: '60.00' },
              { threshold: '1000.00', off: '150.00' },
            ],
          },
        };
      case 2:
        return { ...base, kind: 'full_reduction', rule: { mode: 'per_every', every: '100.00', off: '10.00', cap: '300.00' } };
      case 3:
        return {
          ...base,
          kind: 'full_discount',
          tiers: [
            { threshold: '300.00', percentOff: '10' },
            { threshold: '1000.00', percentOff: '20', cap: '1200.00' },
          ],
        };
      case 4:
        return { ...base, kind: 'multi_buy', rule: { mode: 'n_for_price', count: 3, price: '199.00' } };
      case 5:
        return {
          ...base,
          kind: 'multi_buy',
          rule: {
            mode: 'n_at_percent_off',
            tiers: [
              { count: 2, percentOff: '5' },
              { count: 4, percentOff: '12' },
            ],
          },
        };
      case 6:
        return {
          ...base,
          kind: 'gift',
          basis: 'amount',
          tiers: [
            {
              threshold: '300.00',
              pick: 1,
              gifts: [
                { skuId: 'g1', quantity: 1, stock: 9 },
                { skuId: 'g2', quantity: 1, cap: 1, stock: 3 },
              ],
            },
          ],
        };
      default:
        return { ...base, kind: 'add_on', threshold: '150.00', items: [{ skuId: `sku-${r.int(0, SKUS - 1)}`, price: '9.90', maxQuantity: 2 }] };
    }
  });
}

/** Platform and shop coupons of every goods kind, plus shipping coupons. */
function coupons(n, r) {
  const from = new Date('2025-01-01T00:00:00Z');
  const until = new Date('2026-01-01T00:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    const shop = i % 3 === 0 ? null : `shop-${r.int(0, SHOPS - 1)}`;
    const issuer = shop ? { kind: 'shop', shopId: shop } : { kind: 'platform' };
    const scope = shop
      ? { kind: 'shop', ids: [shop] }
      : r.pick([{ kind: 'platform' }, { kind: 'self_run' }, { kind: 'category', ids: [`cat-${r.int(0, CATEGORIES - 1)}`] }]);
    const base = {
      id: `cpn-${String(i).padStart(3, '0')}`,
      issuer,
      scope,
      validFrom: from,
      validUntil: until,
      priority: r.int(0, 3),
      stacking: i % 7 === 6 ? 'exclusive' : 'shared',
    };
    switch (i % 5) {
      case 0:
        return { ...base, kind: 'cash', amount: yuan(r.int(300, 3000)) };
      case 1:
        return { ...base, kind: 'threshold', threshold: yuan(r.int(10_000, 80_000)), amount: yuan(r.int(1000, 8000)) };
      case 2:
        return { ...base, kind: 'discount', percentOff: String(r.int(5, 20)), cap: yuan(r.int(2000, 10_000)) };
      case 3:
        return { ...base, kind: 'random', amount: yuan(r.int(100, 1500)) };
      default:
        return { ...base, kind: 'shipping', amount: '8.00' };
    }
  });
}

/** Warm-up, then timed runs until both `minMs` and `minRuns` are reached. */
function measure(pricing, input, minMs, minRuns) {
  const result = pricing.priceOrder(input);
  for (let k = 0; k < 2; k++) pricing.priceOrder(input);
  const times = [];
  const started = performance.now();
  while (times.length < minRuns || performance.now() - started < minMs) {
    const t0 = performance.now();
    pricing.priceOrder(input);
    times.push(performance.now() - t0);
  }
  return { result, times };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Least-squares slope of log(y) on log(x). */
function slope(points) {
  const pts = points.map(([x, y]) => [Math.log(x), Math.log(y)]);
  const mx = pts.reduce((s, [x]) => s + x, 0) / pts.length;
  const my = pts.reduce((s, [, y]) => s + y, 0) / pts.length;
  const num = pts.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = pts.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return num / den;
}

export async function main(args) {
  const minMs = numberOption(args, 'min-ms', 600);
  const minRuns = numberOption(args, 'min-runs', 9);
  const { pricing } = await import('../dist/index.js');
  const now = new Date('2025-06-18T12:00:00Z');
  const member = { memberId: 'm1', level: 'VIP3', isNew: false, channel: 'app' };

  const rows = [];
  for (const nLines of [10, 100, 1000]) {
    for (const nActivities of [10, 100]) {
      for (const nCoupons of [5, 20]) {
        // The same lines and activities for 5 and 20 coupons, and the 5 coupons are the first 5 of
        // the 20: the coupon ratio then measures the coupons alone.
        const r = rng(nLines * 7 + nActivities * 13);
        const input = {
          now,
          member,
          lines: lines(nLines, r),
          activities: activities(nActivities, r),
          coupons: coupons(20, rng(4242)).slice(0, nCoupons),
          freight: '12.00',
          points: { balance: 50_000, ratio: { points: 100, amount: '1.00' }, maxPercent: '20' },
        };
        const { result, times } = measure(pricing, input, minMs, minRuns);
        // Rules that apply: activities that priced or grouped at least one line under some plan are not
        // visible from outside, so count the live activities covering a line (those the engine works on)
        // and the coupons usable on the chosen activity plan.
        const applicableActivities = countCovering(input);
        const usableCoupons = result.couponOptions.filter((o) => o.usable).length;
        const row = {
          lines: nLines,
          activities: nActivities,
          coupons: nCoupons,
          applicableActivities,
          usableCoupons,
          exclusivePlans: 1 + input.activities.filter((a) => a.stacking === 'exclusive' && applies(a, input.lines)).length,
          medianMs: Number(median(times).toFixed(3)),
          runs: times.length,
          payable: result.totals.payable.toString(),
          couponsUsed: result.coupons.length,
        };
        rows.push(row);
        console.log(
          `${String(nLines).padStart(5)} lines ${String(nActivities).padStart(4)} activities ${String(nCoupons).padStart(3)} coupons` +
            ` (applicable ${String(applicableActivities).padStart(3)} + ${String(usableCoupons).padStart(2)})` +
            `  median ${row.medianMs.toFixed(3).padStart(9)} ms  (${row.runs} runs)  payable ${row.payable}`,
        );
      }
    }
  }

  // Coupons alone: 100 lines, no activity, 5 / 20 / 80 coupons (the first 5 and 20 of the same 80).
  const couponOnly = {};
  const r0 = rng(99);
  const plain = lines(100, r0);
  const many = coupons(80, rng(4242));
  for (const n of [5, 20, 80]) {
    const { times } = measure(pricing, { now, member, lines: plain, activities: [], coupons: many.slice(0, n), freight: '12.00' }, minMs, minRuns);
    couponOnly[n] = Number(median(times).toFixed(3));
    console.log(`  100 lines    0 activities ${String(n).padStart(3)} coupons  median ${couponOnly[n].toFixed(3).padStart(9)} ms`);
  }

  const couponRatios = rows
    .filter((x) => x.coupons === 20)
    .map((x) => {
      const five = rows.find((y) => y.lines === x.lines && y.activities === x.activities && y.coupons === 5);
      return { lines: x.lines, activities: x.activities, ratio: Number((x.medianMs / five.medianMs).toFixed(3)) };
    });
  const maxCouponRatio = Math.max(...couponRatios.map((c) => c.ratio));
  const exponentLines = Object.fromEntries(
    [10, 100].flatMap((a) =>
      [5, 20].map((c) => [`a${a}c${c}`, Number(slope(rows.filter((x) => x.activities === a && x.coupons === c).map((x) => [x.lines, x.medianMs])).toFixed(3))]),
    ),
  );
  const work = rows.map((x) => [x.lines * Math.max(1, x.applicableActivities + x.usableCoupons), x.medianMs]);
  console.log(
    JSON.stringify({
      bench: 'pricing',
      medianMs: Object.fromEntries(rows.map((x) => [`l${x.lines}-a${x.activities}-c${x.coupons}`, x.medianMs])),
      growthExponentLinesTimesRules: Number(slope(work).toFixed(3)),
      growthExponentLines: exponentLines,
      couponRatios,
      maxCouponRatio,
      couponOnlyMs: couponOnly,
      couponOnlyRatio20to5: Number((couponOnly[20] / couponOnly[5]).toFixed(3)),
      couponOnlyRatio80to20: Number((couponOnly[80] / couponOnly[20]).toFixed(3)),
      goal: 4,
      met: maxCouponRatio <= 4,
    }),
  );
}

function scopeMatches(scope, l) {
  if (!scope || scope.kind === 'all') return true;
  if (scope.kind === 'categories') return l.categoryIds.some((c) => scope.ids.includes(c));
  if (scope.kind === 'brands') return scope.ids.includes(l.brandId);
  if (scope.kind === 'shops') return scope.ids.includes(l.shopId);
  return scope.ids.includes(l.skuId);
}
function applies(a, ls) {
  return ls.some((l) => scopeMatches(a.scope, l) || (a.kind === 'add_on' && a.items.some((i) => i.skuId === l.skuId)));
}
function countCovering(input) {
  return input.activities.filter((a) => applies(a, input.lines)).length;
}
