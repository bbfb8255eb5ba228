import { describe, expect, it } from 'vitest';
import { INVENTORY_STORE } from '../../application/inventory/store.js';
import type { DispatchOperation } from '../../domain/inventory/dispatch-stock.js';
import type { LocationOperation } from '../../domain/inventory/location-stock.js';
import type { Transaction } from '../../application/shared/unit-of-work.js';
import { codeOf, inTx, plain, contractPersistence, RecordingPublisher, type ContractBackend } from './contract/support.js';

const T = new Date('2026-11-22T08:00:00.000Z');
let n = 0;
const dispatch = (skuId: string, warehouseId: string, reference: string, operation: DispatchOperation) => ({
  skuId,
  warehouseId,
  reference,
  operation,
  movementId: `m-${String(++n).padStart(6, '0')}`,
  at: T,
});
const located = (skuId: string, warehouseId: string, location: string, reference: string, operation: LocationOperation) => ({
  skuId,
  warehouseId,
  location,
  reference,
  operation,
  movementId: `m-${String(++n).padStart(6, '0')}`,
  at: T,
});

/**
 * The contract of the `DispatchStocks` and `LocationStocks` ports, run against each adapter: rows are
 * created by the first operation that leaves them non-negative, refusals change nothing, INV-5 keys,
 * orderings, `available` for DSP-1, and read-your-writes / rollback; and the sales store's low-stock event.
 */
export function layerStockContract(name: string, backend: () => Promise<ContractBackend>): void {
  describe(`stock layers persistence contract — ${name}`, () => {
    const p = contractPersistence(backend);

    it('the first raising operation creates the row; a lowering one on a missing row is refused against zeros and creates nothing', async () => {
      expect(await codeOf(inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.apply(dispatch('s1', 'w1', 'a-1', { kind: 'assign', quantity: 1 }))))).toBe(
        'INVENTORY.INSUFFICIENT_AVAILABLE',
      );
      expect(await inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.get('s1', 'w1'))).toBeNull();
      const r = await inTx(p(), (tx) =>
        tx.use(INVENTORY_STORE).dispatchStocks.apply(dispatch('s1', 'w1', 'po-1', { kind: 'receive', quantity: 5, fromInTransit: false })),
      );
      expect(plain(r)).toEqual(
        plain({
          movement: {
            id: r.movement.id,
            skuId: 's1',
            warehouseId: 'w1',
            kind: 'receive',
            reference: 'po-1',
            quantity: 5,
            delta: { book: 5, available: 5, inTransit: 0, unsellable: 0, used: 0 },
            at: T,
          },
          replayed: false,
          before: { skuId: 's1', warehouseId: 'w1', book: 0, available: 0, inTransit: 0, unsellable: 0, used: 0 },
          after: { skuId: 's1', warehouseId: 'w1', book: 5, available: 5, inTransit: 0, unsellable: 0, used: 0 },
        }),
      );
      const l = await inTx(p(), (tx) => tx.use(INVENTORY_STORE).locationStocks.apply(located('s1', 'w1', 'A-01', 'po-1', { kind: 'put_away', quantity: 5 })));
      expect(l.after).toEqual({ skuId: 's1', warehouseId: 'w1', location: 'A-01', available: 5, locked: 0, shipped: 0, unusable: 0 });
      await expect(
        inTx(p(), (tx) => tx.use(INVENTORY_STORE).locationStocks.apply(located('s1', 'w1', 'B-02', 'x', { kind: 'lock', quantity: 1 }))),
      ).rejects.toMatchObject({
        code: 'INVENTORY.INSUFFICIENT_AVAILABLE',
        details: { layer: 'warehouse', location: 'B-02', available: 0 },
      });
      expect(await inTx(p(), (tx) => tx.use(INVENTORY_STORE).locationStocks.get('s1', 'w1', 'B-02'))).toBeNull();
    });

    it('a guarded operation moves the counters; over-asking is refused with the figures and changes nothing (no negative counter)', async () => {
      await inTx(p(), (tx) =>
        tx.use(INVENTORY_STORE).dispatchStocks.apply(dispatch('s1', 'w1', 'po-1', { kind: 'receive', quantity: 5, fromInTransit: false })),
      );
      const r = await inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.apply(dispatch('s1', 'w1', 'do-1', { kind: 'assign', quantity: 3 })));
      expect([r.before.available, r.after.available, r.after.used, r.after.book]).toEqual([5, 2, 3, 5]);
      await expect(
        inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.apply(dispatch('s1', 'w1', 'do-2', { kind: 'assign', quantity: 3 }))),
      ).rejects.toMatchObject({
        code: 'INVENTORY.INSUFFICIENT_AVAILABLE',
        details: { layer: 'dispatch', available: 2, quantity: 3 },
      });
      await expect(
        inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.apply(dispatch('s1', 'w1', 'sh-1', { kind: 'ship', quantity: 4 }))),
      ).rejects.toMatchObject({ code: 'INVENTORY.SHIP_EXCEEDS_USED' });
      expect(await inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.get('s1', 'w1'))).toEqual({
        skuId: 's1',
        warehouseId: 'w1',
        book: 5,
        available: 2,
        inTransit: 0,
        unsellable: 0,
        used: 3,
      });
      expect((await inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.movements('s1'))).map((m) => m.reference)).toEqual(['po-1', 'do-1']);
    });

    it('INV-5: a key applied before is a replay (the first movement, nothing changes); another quantity or other counters is INVENTORY.REFERENCE_REUSED', async () => {
      const first = await inTx(p(), (tx) =>
        tx.use(INVENTORY_STORE).dispatchStocks.apply(dispatch('s1', 'w1', 'po-1', { kind: 'receive', quantity: 5, fromInTransit: false })),
      );
      const again = await inTx(p(), (tx) =>
        tx.use(INVENTORY_STORE).dispatchStocks.apply(dispatch('s1', 'w1', 'po-1', { kind: 'receive', quantity: 5, fromInTransit: false })),
      );
      expect([again.replayed, again.movement.id, again.after.book]).toEqual([true, first.movement.id, 5]);
      expect(
        await codeOf(
          inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.apply(dispatch('s1', 'w1', 'po-1', { kind: 'receive', quantity: 6, fromInTransit: false }))),
        ),
      ).toBe('INVENTORY.REFERENCE_REUSED');
      await inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.apply(dispatch('s1', 'w1', 'po-2', { kind: 'in_transit', quantity: 9 })));
      expect(
        await codeOf(
          inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.apply(dispatch('s1', 'w1', 'po-1', { kind: 'receive', quantity: 5, fromInTransit: true }))),
        ),
      ).toBe('INVENTORY.REFERENCE_REUSED');
      // The same reference on another row or of another kind is another key.
      await inTx(p(), (tx) =>
        tx.use(INVENTORY_STORE).dispatchStocks.apply(dispatch('s1', 'w2', 'po-1', { kind: 'receive', quantity: 5, fromInTransit: false })),
      );
      await inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.apply(dispatch('s1', 'w1', 'po-1', { kind: 'in_transit', quantity: 1 })));
      const l1 = await inTx(p(), (tx) => tx.use(INVENTORY_STORE).locationStocks.apply(located('s1', 'w1', 'A-01', 'st-1', { kind: 'adjust', quantity: 4 })));
      const l2 = await inTx(p(), (tx) => tx.use(INVENTORY_STORE).locationStocks.apply(located('s1', 'w1', 'A-01', 'st-1', { kind: 'adjust', quantity: 4 })));
      expect([l2.replayed, l2.movement.id, l2.after.available]).toEqual([true, l1.movement.id, 4]);
      expect(
        await codeOf(inTx(p(), (tx) => tx.use(INVENTORY_STORE).locationStocks.apply(located('s1', 'w1', 'A-01', 'st-1', { kind: 'adjust', quantity: -4 })))),
      ).toBe('INVENTORY.REFERENCE_REUSED');
      expect((await inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.movements('s1'))).length).toBe(4);
    });

    it('lists rows by warehouse id then location and SKUs by code point; available() answers every asked warehouse, absent SKUs absent, zeros kept', async () => {
      const skus = Array.from({ length: 45 }, (_, i) => `sku-${String(i).padStart(2, '0')}`);
      await inTx(p(), async (tx) => {
        for (const [i, s] of skus.entries())
          await tx
            .use(INVENTORY_STORE)
            .dispatchStocks.apply(dispatch(s, i % 2 ? 'w-b' : 'w-a', 'po', { kind: 'receive', quantity: i + 1, fromInTransit: false }));
        await tx.use(INVENTORY_STORE).dispatchStocks.apply(dispatch('sku-00', 'w-B', 'po', { kind: 'in_transit', quantity: 3 }));
        await tx.use(INVENTORY_STORE).locationStocks.apply(located('sku-00', 'w-b', 'b-1', 'po', { kind: 'put_away', quantity: 1 }));
        await tx.use(INVENTORY_STORE).locationStocks.apply(located('sku-00', 'w-b', 'B-2', 'po', { kind: 'put_away', quantity: 1 }));
        await tx.use(INVENTORY_STORE).locationStocks.apply(located('sku-00', 'w-a', 'Z', 'po', { kind: 'put_away', quantity: 1 }));
      });
      expect((await inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.ofSku('sku-00'))).map((r) => r.warehouseId)).toEqual(['w-B', 'w-a']);
      expect((await inTx(p(), (tx) => tx.use(INVENTORY_STORE).locationStocks.ofSku('sku-00'))).map((r) => `${r.warehouseId} ${r.location}`)).toEqual([
        'w-a Z',
        'w-b B-2',
        'w-b b-1',
      ]);
      expect(await inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.skuIds())).toEqual(skus);
      expect(await inTx(p(), (tx) => tx.use(INVENTORY_STORE).locationStocks.skuIds())).toEqual(['sku-00']);
      const all = await inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.available([...skus, 'nope'], ['w-a', 'w-b', 'w-B', 'w-none']));
      expect(all['w-B']).toEqual({ 'sku-00': 0 });
      expect(all['w-none']).toEqual({});
      expect(Object.keys(all['w-a']!)).toHaveLength(23);
      expect(Object.keys(all['w-b']!)).toHaveLength(22);
      expect([all['w-a']!['sku-44'], all['w-b']!['sku-43']]).toEqual([45, 44]);
      expect(await inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.available([], ['w-a']))).toEqual({ 'w-a': {} });
      expect(await inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.available(['sku-00'], []))).toEqual({});
    });

    it('the sales store records inventory.stock.low with the change that takes sellable to the threshold or below, published after commit; a replay, a refusal, a change that stays above or was below already record nothing', async () => {
      const publisher = new RecordingPublisher();
      const sales = (work: (s: Transaction) => Promise<unknown>) => p().unitOfWork(publisher).run(work);
      const lock = (reference: string, quantity: number) => (tx: Transaction) =>
        tx.use(INVENTORY_STORE).salesStocks.apply({ skuId: 's1', reference, operation: { kind: 'lock', quantity }, movementId: `mv-${reference}`, at: T });
      const lows = () => publisher.published.map((e) => [e.type, e.aggregateId, e.occurredAt.toISOString(), e.payload]);
      await sales(async (tx) => {
        await tx.use(INVENTORY_STORE).salesStocks.configure('s1', { lowStockThreshold: 3 });
        await tx
          .use(INVENTORY_STORE)
          .salesStocks.apply({ skuId: 's1', reference: 'in', operation: { kind: 'increase', quantity: 5 }, movementId: 'mv-in', at: T });
      });
      await sales(lock('o1', 1)); // sellable 5 → 4: still above
      expect(lows()).toEqual([]);
      await sales(lock('o2', 2)); // 4 → 2: crosses 3
      expect(lows()).toEqual([['inventory.stock.low', 's1', T.toISOString(), { sellable: 2, threshold: 3 }]]);
      await sales(lock('o2', 2)); // a replay
      await sales(lock('o3', 1)); // 2 → 1: below already
      expect(await codeOf(sales(lock('o4', 5)))).toBe('INVENTORY.OUT_OF_STOCK');
      expect(lows()).toHaveLength(1);
    });

    it('reads its own writes inside the transaction, and a rollback leaves neither rows nor movements', async () => {
      await expect(
        inTx(p(), async (tx) => {
          await tx.use(INVENTORY_STORE).dispatchStocks.apply(dispatch('s1', 'w1', 'po-1', { kind: 'receive', quantity: 5, fromInTransit: false }));
          await tx.use(INVENTORY_STORE).locationStocks.apply(located('s1', 'w1', 'A-01', 'po-1', { kind: 'put_away', quantity: 5 }));
          expect((await tx.use(INVENTORY_STORE).dispatchStocks.get('s1', 'w1'))?.available).toBe(5);
          expect(await tx.use(INVENTORY_STORE).locationStocks.movements('s1')).toHaveLength(1);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.ofSku('s1'))).toEqual([]);
      expect(await inTx(p(), (tx) => tx.use(INVENTORY_STORE).locationStocks.ofSku('s1'))).toEqual([]);
      expect(await inTx(p(), (tx) => tx.use(INVENTORY_STORE).dispatchStocks.movements('s1'))).toEqual([]);
      expect(await inTx(p(), (tx) => tx.use(INVENTORY_STORE).locationStocks.movements('s1'))).toEqual([]);
    });
  });
}
