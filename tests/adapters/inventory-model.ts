import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import type { Persistence } from '../../application/shared/persistence.js';
import type { StockOperation } from '../../domain/inventory/sales-stock.js';
import { isDomainError } from '../../domain/shared/domain-error.js';

/** The model: counters, holds and applied keys, with the rules of spec §2 written out again here. */
interface Model {
  total: number;
  locked: number;
  sold: number;
  activity: number;
  allowance: number;
  holds: Map<string, number>;
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
  const sellable = m.total - m.locked - m.activity;
  if (o.kind === 'lock' && sellable - n < -m.allowance) return 'INVENTORY.OUT_OF_STOCK';
  if (o.kind === 'unlock' && n > hold) return 'INVENTORY.UNLOCK_EXCEEDS_LOCK';
  if (o.kind === 'deduct' && n > hold) return 'INVENTORY.NOT_LOCKED';
  if (o.kind === 'return' && n > m.sold) return 'INVENTORY.RETURN_EXCEEDS_SOLD';
  if (o.kind === 'adjust' && m.total + n < m.locked + m.activity) return 'INVENTORY.ADJUST_BELOW_HELD';
  if (o.kind === 'carve_out' && n > sellable) return 'INVENTORY.CARVE_OUT_EXCEEDS_SELLABLE';
  if (o.kind === 'release_activity' && n > m.activity) return 'INVENTORY.RELEASE_EXCEEDS_ACTIVITY';
  return null;
}

function applyToModel(m: Model, { reference, operation: o }: Op): void {
  const n = o.quantity;
  m.applied.set(`${o.kind}|${reference}`, JSON.stringify(o));
  if (o.kind === 'increase' || o.kind === 'adjust') m.total += n;
  if (o.kind === 'lock') (m.locked += n), m.holds.set(reference, (m.holds.get(reference) ?? 0) + n);
  if (o.kind === 'unlock' || o.kind === 'deduct') (m.locked -= n), m.holds.set(o.lockReference, m.holds.get(o.lockReference)! - n);
  if (o.kind === 'deduct') (m.total -= n), (m.sold += n);
  if (o.kind === 'return') (m.total += n), (m.sold -= n);
  if (o.kind === 'carve_out') m.activity += n;
  if (o.kind === 'release_activity') m.activity -= n;
}

const refs = ['o1', 'o2', 'o3', 'r1', 'r2'];
const ref = fc.constantFrom(...refs);
const qty = fc.integer({ min: -1, max: 12 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ reference: ref, operation: fc.record({ kind: fc.constantFrom('increase', 'lock', 'return', 'carve_out', 'release_activity', 'adjust'), quantity: qty }) }),
  fc.record({ reference: ref, operation: fc.record({ kind: fc.constantFrom('unlock', 'deduct'), quantity: qty, lockReference: ref }) }),
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

    const [stock] = await Promise.all([r.zt.persistence.unitOfWork({ publish: async () => {} }).run((tx) => tx.salesStocks.get(r.skuId))]);
    expect(stock).toMatchObject({ total: m.total, locked: m.locked, sold: m.sold, activity: m.activity });
    // INV-3: sellable never below −allowance; INV-4: the ledger sums to the counters.
    expect(stock!.total - stock!.locked - stock!.activity).toBeGreaterThanOrEqual(-m.allowance);
    expect(await r.zt.inventory.checkStockConsistency({ skuIds: [r.skuId] })).toEqual([]);
  }
  toString = () => JSON.stringify(this.op);
}

/** Model-based test of the sales layer through the use cases, on one persistence adapter. */
export function inventoryModelSuite(name: string, makePersistence: () => Promise<Persistence>, numRuns: number): void {
  describe(`inventory sales layer on ${name}: random operations against a model (INV-1, INV-3, INV-4, INV-5)`, () => {
    let zt: Zhongtai;
    let run = 0;
    beforeAll(async () => {
      zt = createZhongtai({ persistence: await makePersistence() });
    });
    afterAll(() => zt?.close());

    it('after every step the counters match the model, sellable ≥ −allowance, and the ledger balances', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.commands([opArb.map((op) => new StockCommand(op))], { maxCommands: 30 }), async (allowance, cmds) => {
          const skuId = `sku-${name}-${run++}`;
          await zt.persistence.unitOfWork({ publish: async () => {} }).run((tx) => tx.salesStocks.configure(skuId, { oversellAllowance: allowance }));
          const model: Model = { total: 0, locked: 0, sold: 0, activity: 0, allowance, holds: new Map(), applied: new Map() };
          await fc.asyncModelRun(() => ({ model, real: { zt, skuId } }), cmds);
        }),
        { numRuns },
      );
    });
  });
}
