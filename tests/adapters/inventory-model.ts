import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { applyStockChanges } from '../../application/inventory/stock-change.js';
import { INVENTORY_STORE } from '../../application/inventory/store.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import type { Persistence } from '../../application/shared/persistence.js';
import type { StockOperation } from '../../domain/inventory/sales-stock.js';
import { isDomainError } from '../../domain/shared/domain-error.js';

/** The model: counters, holds, pools and applied keys, with the rules of spec §2 written out again here. */
interface Model {
  total: number;
  locked: number;
  sold: number;
  activity: number;
  presale: number;
  allowance: number;
  virtual: boolean;
  holds: Map<string, number>;
  pools: Map<string, number>;
  applied: Map<string, string>;
}

type Op = { reference: string; operation: StockOperation };

/** What the model says an operation does: the error code, or null when it applies. */
function expected(m: Model, { reference, operation: o }: Op): string | null {
  const key = `${o.kind}|${reference}`;
  const signature = JSON.stringify(o);
  const n = o.quantity;
  if (o.kind === 'adjust' ? n === 0 : n < 1) return 'QUANTITY.INVALID';
  if (m.applied.has(key)) return m.applied.get(key) === signature ? 'replay' : 'INVENTORY.REFERENCE_REUSED';
  const hold = 'lockReference' in o ? (m.holds.get(o.lockReference) ?? 0) : 0;
  const pool = 'pool' in o ? (m.pools.get(o.pool) ?? 0) : 0;
  const sellable = m.total - m.locked - m.activity;
  if (o.kind === 'lock' && !m.virtual && sellable - n < -m.allowance) return 'INVENTORY.OUT_OF_STOCK';
  if (o.kind === 'unlock' && n > hold) return 'INVENTORY.UNLOCK_EXCEEDS_LOCK';
  if (o.kind === 'deduct' && n > hold) return 'INVENTORY.NOT_LOCKED';
  if (o.kind === 'return' && n > m.sold) return 'INVENTORY.RETURN_EXCEEDS_SOLD';
  if (o.kind === 'adjust' && m.total + n < m.locked + m.activity) return 'INVENTORY.ADJUST_BELOW_HELD';
  if (o.kind === 'carve_out' && n > sellable) return 'INVENTORY.CARVE_OUT_EXCEEDS_SELLABLE';
  if (o.kind === 'release_activity' && n > pool) return 'INVENTORY.RELEASE_EXCEEDS_ACTIVITY';
  if (o.kind === 'activity_lock' && n > pool) return 'INVENTORY.OUT_OF_STOCK';
  if (o.kind === 'presale_arrive' && n > m.presale) return 'INVENTORY.PRESALE_EXCEEDED';
  return null;
}

const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);

function applyToModel(m: Model, { reference, operation: o }: Op): void {
  const n = o.quantity;
  m.applied.set(`${o.kind}|${reference}`, JSON.stringify(o));
  if (o.kind === 'increase' || o.kind === 'adjust') m.total += n;
  if (o.kind === 'lock') (m.locked += n), add(m.holds, reference, n);
  if (o.kind === 'unlock' || o.kind === 'deduct') (m.locked -= n), add(m.holds, o.lockReference, -n);
  if (o.kind === 'deduct') (m.total -= n), (m.sold += n);
  if (o.kind === 'return') (m.total += n), (m.sold -= n);
  if (o.kind === 'carve_out') (m.activity += n), add(m.pools, o.pool, n);
  if (o.kind === 'release_activity') (m.activity -= n), add(m.pools, o.pool, -n);
  if (o.kind === 'activity_lock') (m.activity -= n), (m.locked += n), add(m.pools, o.pool, -n), add(m.holds, reference, n);
  if (o.kind === 'presale_open') (m.total += n), (m.presale += n);
  if (o.kind === 'presale_arrive') m.presale -= n;
}

const refs = ['o1', 'o2', 'o3', 'r1', 'r2'];
const ref = fc.constantFrom(...refs);
const qty = fc.integer({ min: -1, max: 12 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    reference: ref,
    operation: fc.record({ kind: fc.constantFrom('increase', 'lock', 'return', 'adjust', 'presale_open', 'presale_arrive'), quantity: qty }),
  }),
  fc.record({ reference: ref, operation: fc.record({ kind: fc.constantFrom('unlock', 'deduct'), quantity: qty, lockReference: ref }) }),
  fc.record({
    reference: ref,
    operation: fc.record({
      kind: fc.constantFrom('carve_out', 'release_activity', 'activity_lock'),
      quantity: qty,
      pool: fc.constantFrom('flash-1', 'channel:app'),
    }),
  }),
) as fc.Arbitrary<Op>;

class StockCommand implements fc.AsyncCommand<Model, { zt: Zhongtai; skuId: string }> {
  constructor(readonly op: Op) {}
  check = () => true;
  async run(m: Model, r: { zt: Zhongtai; skuId: string }): Promise<void> {
    const want = expected(m, this.op);
    let got: string | null = null;
    let replayed = false;
    try {
      replayed = (await r.zt.inventory.changeStock({ skuId: r.skuId, ...this.op })).replayed;
    } catch (e) {
      if (!isDomainError(e)) throw e;
      got = e.code;
    }
    expect(replayed ? 'replay' : got).toBe(want);
    if (want === null) applyToModel(m, this.op);

    const [stock] = await Promise.all([r.zt.persistence.unitOfWork({ publish: async () => {} }).run((tx) => tx.use(INVENTORY_STORE).salesStocks.get(r.skuId))]);
    expect(stock).toMatchObject({ total: m.total, locked: m.locked, sold: m.sold, activity: m.activity, presale: m.presale });
    const pools = await r.zt.persistence.unitOfWork({ publish: async () => {} }).run((tx) => tx.use(INVENTORY_STORE).salesStocks.pools(r.skuId));
    // getMany reads the same row (and nothing for a SKU without a stock record).
    expect(
      await r.zt.persistence.unitOfWork({ publish: async () => {} }).run((tx) => tx.use(INVENTORY_STORE).salesStocks.getMany([r.skuId, 'no-such-sku'])),
    ).toEqual([stock]);
    expect(pools).toEqual(Object.fromEntries([...m.pools].filter(([, n]) => n > 0).sort(([a], [b]) => (a < b ? -1 : 1))));
    // INV-3: sellable never below −allowance (virtual SKUs have no physical stock to protect); INV-4: the ledger sums to the counters.
    if (!m.virtual) expect(stock!.total - stock!.locked - stock!.activity).toBeGreaterThanOrEqual(-m.allowance);
    expect(await r.zt.inventory.checkStockConsistency({ skuIds: [r.skuId] })).toEqual([]);
  }
  toString = () => JSON.stringify(this.op);
}

/** Model-based test of the sales layer through the use cases, on one persistence adapter. */
export function inventoryModelSuite(name: string, makePersistence: () => Promise<Persistence>, numRuns: number): void {
  describe(`inventory sales layer on ${name}: random operations against a model (INV-1, INV-3, INV-4, INV-5; pools, presale, virtual)`, () => {
    let zt: Zhongtai;
    let run = 0;
    beforeAll(async () => {
      zt = createZhongtai({ persistence: await makePersistence() });
    });
    afterAll(() => zt?.close());

    it('applyAll: operations on distinct SKUs sent together do what they do one by one, all or none — the first refusal in order is the error (issue #14)', async () => {
      const ids = { next: () => randomUUID() };
      const clock = { now: () => new Date() };
      const uow = () => zt.persistence.unitOfWork({ publish: async () => {} });
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(fc.array(opArb, { maxLength: 6 }), opArb), { minLength: 2, maxLength: 4 }), async (perSku) => {
          const base = `sku-${name}-all-${run++}`;
          const models: Model[] = [];
          for (const [i, [history]] of perSku.entries()) {
            const skuId = `${base}-${i}`;
            await uow().run((tx) => tx.use(INVENTORY_STORE).salesStocks.configure(skuId, {}));
            const m: Model = {
              total: 0,
              locked: 0,
              sold: 0,
              activity: 0,
              presale: 0,
              allowance: 0,
              virtual: false,
              holds: new Map(),
              pools: new Map(),
              applied: new Map(),
            };
            for (const op of history) {
              if (expected(m, op) !== null) continue;
              await zt.inventory.changeStock({ skuId, ...op });
              applyToModel(m, op);
            }
            models.push(m);
          }
          const batch = perSku.map(([, op], i) => ({ skuId: `${base}-${i}`, ...op }));
          const wants = batch.map((b, i) => expected(models[i]!, b));
          const refusal = wants.find((w) => w !== null && w !== 'replay') ?? null;
          let got: string | null = null;
          let replayed: boolean[] = [];
          try {
            replayed = (await uow().run((tx) => applyStockChanges(tx, ids, clock, batch))).map((r) => r.replayed);
          } catch (e) {
            if (!isDomainError(e)) throw e;
            got = e.code;
          }
          expect(got).toBe(refusal);
          if (refusal === null) {
            expect(replayed).toEqual(wants.map((w) => w === 'replay'));
            batch.forEach((b, i) => wants[i] === null && applyToModel(models[i]!, b));
          }
          const stocks = await uow().run((tx) => tx.use(INVENTORY_STORE).salesStocks.getMany(batch.map((b) => b.skuId)));
          for (const [i, b] of batch.entries()) {
            const m = models[i]!;
            expect(stocks.find((s) => s.skuId === b.skuId)).toMatchObject({
              total: m.total,
              locked: m.locked,
              sold: m.sold,
              activity: m.activity,
              presale: m.presale,
            });
          }
          expect(await zt.inventory.checkStockConsistency({ skuIds: batch.map((b) => b.skuId) })).toEqual([]);
        }),
        { numRuns },
      );
    });

    it('after every step the counters match the model, sellable ≥ −allowance, and the ledger balances', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 3 }),
          fc.boolean(),
          fc.commands([opArb.map((op) => new StockCommand(op))], { maxCommands: 30 }),
          async (allowance, virtualSku, cmds) => {
            const skuId = `sku-${name}-${run++}`;
            // One SKU in ten is virtual (虚拟库存): its locks are never refused.
            const virtual = virtualSku && run % 5 === 0;
            await zt.persistence
              .unitOfWork({ publish: async () => {} })
              .run((tx) => tx.use(INVENTORY_STORE).salesStocks.configure(skuId, { oversellAllowance: allowance, virtual }));
            const model: Model = {
              total: 0,
              locked: 0,
              sold: 0,
              activity: 0,
              presale: 0,
              allowance,
              virtual,
              holds: new Map(),
              pools: new Map(),
              applied: new Map(),
            };
            await fc.asyncModelRun(() => ({ model, real: { zt, skuId } }), cmds);
          },
        ),
        { numRuns },
      );
    });
  });
}
