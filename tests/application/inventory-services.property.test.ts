// Inventory's and dispatch's published in-transaction services (issue #13): what ordering, fulfilment, cart
// and checkout ask of stock and warehouses inside their own transaction.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import { dispatchCandidates, requireWarehouses } from '../../application/dispatch/index.js';
import { availableInWarehouses, changeStockOfOrders, sellableStock, type OrderStockAction, type OrderStockLine } from '../../application/inventory/index.js';
import type { Transaction } from '../../application/shared/unit-of-work.js';
import { R, tierInput, warehouseFields } from '../domain/dispatch/dispatch-mothers.js';

const AT = new Date('2026-12-07T08:00:00.000Z');
let n = 0;
const deps = { ids: { next: () => `mv-${String(++n).padStart(8, '0')}` }, clock: { now: () => AT } };

describe('published services of inventory and dispatch, on memory', () => {
  let zt: Zhongtai;
  let skus: string[];
  const inTx = <T>(work: (tx: Transaction) => Promise<T>) => zt.persistence.unitOfWork({ publish: async () => {} }).run(work);
  const counters = async () =>
    Object.fromEntries(
      await Promise.all(
        skus.map(async (skuId) => [skuId, await zt.inventory.viewStock({ skuId }).then(({ total, locked, sold }) => ({ total, locked, sold }))]),
      ),
    );

  beforeAll(async () => {
    zt = createZhongtai();
    const leaf = await zt.catalog.createCategory({ name: 'Tea' });
    skus = [];
    for (const code of ['TEA-C', 'TEA-A', 'TEA-B'])
      skus.push((await zt.catalog.createSpu({ code, title: code, categoryId: leaf.id, salePrice: '10.00' })).skus[0]!.id);
    for (const skuId of skus) {
      await zt.inventory.configureStock({ skuId });
      await zt.inventory.changeStock({ skuId, reference: `in-${skuId}`, operation: { kind: 'increase', quantity: 100_000 } });
    }
  });

  let run = 0;
  const linesArb = fc.array(fc.record({ order: fc.nat(3), sku: fc.nat(2), quantity: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 12 });

  it('changeStockOfOrders: one operation per order and SKU (quantities added up, reference <order>:<sku>) in SKU then order order; a replay changes nothing; unlock or deduct settle exactly what was locked', async () => {
    await fc.assert(
      fc.asyncProperty(linesArb, fc.constantFrom<OrderStockAction>('unlock', 'deduct'), async (drawn, settle) => {
        const prefix = `run-${run++}`;
        const lines: OrderStockLine[] = drawn.map((l) => ({ orderId: `${prefix}-o${l.order}`, skuId: skus[l.sku]!, quantity: l.quantity }));
        const expected = new Map<string, number>();
        for (const l of lines) expected.set(`${l.orderId}:${l.skuId}`, (expected.get(`${l.orderId}:${l.skuId}`) ?? 0) + l.quantity);
        const order = [...expected.keys()].sort((a, b) => {
          const [oa, sa] = a.split(':') as [string, string];
          const [ob, sb] = b.split(':') as [string, string];
          return sa < sb ? -1 : sa > sb ? 1 : oa < ob ? -1 : oa > ob ? 1 : 0;
        });
        const perSku = (sku: string) => lines.filter((l) => l.skuId === sku).reduce((s, l) => s + l.quantity, 0);
        const before = await counters();

        const locked = await inTx((tx) => changeStockOfOrders(tx, deps, 'lock', lines));
        expect(locked.map((r) => r.movement.reference)).toEqual(order);
        expect(locked.map((r) => [r.movement.kind, r.movement.lockReference, r.movement.quantity, r.replayed])).toEqual(
          order.map((ref) => ['lock', ref, expected.get(ref), false]),
        );
        const afterLock = await counters();
        for (const s of skus) expect(afterLock[s]).toEqual({ ...before[s], locked: before[s].locked + perSku(s) });

        const again = await inTx((tx) => changeStockOfOrders(tx, deps, 'lock', [...lines].reverse()));
        expect(again.map((r) => [r.replayed, r.movement.id])).toEqual(locked.map((r) => [true, r.movement.id]));
        expect(await counters()).toEqual(afterLock);

        const settled = await inTx((tx) => changeStockOfOrders(tx, deps, settle, lines));
        expect(settled.map((r) => [r.movement.kind, r.movement.reference, r.movement.lockReference, r.movement.quantity])).toEqual(
          order.map((ref) => [settle, ref, ref, expected.get(ref)]),
        );
        const after = await counters();
        for (const s of skus) {
          const sold = settle === 'deduct' ? perSku(s) : 0;
          expect(after[s]).toEqual({ total: before[s].total - sold, locked: before[s].locked, sold: before[s].sold + sold });
        }
      }),
      { numRuns: 40 },
    );
  });

  it('changeStockOfOrders: all lines or none — an order beyond sellable is INVENTORY.OUT_OF_STOCK and the unit of work writes nothing', async () => {
    const before = await counters();
    const lines = [
      { orderId: 'too-much', skuId: skus[0]!, quantity: 1 },
      { orderId: 'too-much', skuId: skus[1]!, quantity: 1_000_000 },
    ];
    await expect(inTx((tx) => changeStockOfOrders(tx, deps, 'lock', lines))).rejects.toMatchObject({ code: 'INVENTORY.OUT_OF_STOCK' });
    expect(await counters()).toEqual(before);
  });

  it('sellableStock: INV-1 of each SKU with a stock record (total − locked − activity) and whether it is virtual; SKUs without one are absent', async () => {
    const [a, b] = skus as [string, string];
    await zt.inventory.changeOrderStock({ action: 'lock', orderId: 'sellable-1', lines: [{ skuId: a, quantity: 3 }] });
    await zt.inventory.changeStock({ skuId: b, reference: 'pool-1', operation: { kind: 'carve_out', quantity: 7, pool: 'flash' } });
    await zt.inventory.configureStock({ skuId: b, virtual: true });
    const views = await Promise.all([a, b].map((skuId) => zt.inventory.viewStock({ skuId })));
    const found = await inTx((tx) => sellableStock(tx, [b, 'no-such-sku', a, a]));
    expect([...found].sort((x, y) => (x.skuId < y.skuId ? -1 : 1))).toEqual(
      views.map((v) => ({ skuId: v.skuId, sellable: v.total - v.locked - v.activity, virtual: v.virtual })).sort((x, y) => (x.skuId < y.skuId ? -1 : 1)),
    );
    expect(await inTx((tx) => sellableStock(tx, []))).toEqual([]);
  });

  it('dispatch: candidates are the active warehouses by code with the available units of the SKUs there (absent where none); requireWarehouses refuses the first unknown id', async () => {
    const [a, b] = skus as [string, string];
    const gz = await zt.dispatch.createWarehouse(warehouseFields('GZ', { tiers: [tierInput(1, [R.zhejiang])] }));
    const hz = await zt.dispatch.createWarehouse(warehouseFields('HZ', { tiers: [tierInput(1, [R.zhejiang])] }));
    await zt.dispatch.createWarehouse(warehouseFields('OFF', { status: 'inactive' }));
    await zt.inventory.receivePurchase({ skuId: a, warehouseId: hz.id, location: 'A-01', quantity: 4, fromInTransit: false, reference: 'r-hz-a' });
    await zt.inventory.receivePurchase({ skuId: b, warehouseId: gz.id, location: 'A-01', quantity: 2, fromInTransit: false, reference: 'r-gz-b' });
    await zt.inventory.assignStock({ skuId: b, warehouseId: gz.id, quantity: 2, reference: 'do-gz-b' });

    const candidates = await inTx((tx) => dispatchCandidates(tx, [a, b]));
    expect(candidates.map((c) => [c.warehouse.code, c.available])).toEqual([
      ['GZ', { [b]: 0 }],
      ['HZ', { [a]: 4 }],
    ]);
    expect(await inTx((tx) => availableInWarehouses(tx, [a, b], [hz.id, 'nowhere']))).toEqual({ [hz.id]: { [a]: 4 }, nowhere: {} });

    await expect(inTx((tx) => requireWarehouses(tx, [hz.id, gz.id]))).resolves.toBeUndefined();
    await expect(inTx((tx) => requireWarehouses(tx, [hz.id, 'nope-1', 'nope-2']))).rejects.toMatchObject({
      code: 'DISPATCH.WAREHOUSE_NOT_FOUND',
      kind: 'not_found',
      details: { warehouseId: 'nope-1' },
    });
  });
});
