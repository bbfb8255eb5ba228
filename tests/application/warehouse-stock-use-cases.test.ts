import { beforeEach, describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../index.js';
import { MemoryDatabase, memoryPersistence } from '../../adapters/persistence/memory/index.js';
import type { DispatchStock } from '../../domain/inventory/dispatch-stock.js';
import type { LocationStock } from '../../domain/inventory/location-stock.js';
import type { DomainEvent } from '../../domain/shared/domain-event.js';
import { R, tierInput, warehouseFields } from '../domain/dispatch/dispatch-mothers.js';

describe('flows over the dispatch and warehouse layers, on memory', () => {
  let db: MemoryDatabase;
  let zt: Zhongtai;
  let sku: string;
  let hz: string;
  let gz: string;
  beforeEach(async () => {
    db = new MemoryDatabase();
    zt = createZhongtai({ persistence: memoryPersistence(db) });
    const leaf = await zt.catalog.createCategory({ name: 'Tea' });
    sku = (await zt.catalog.createSpu({ code: 'TEA-A', title: 'Longjing', categoryId: leaf.id, salePrice: '128.00' })).skus[0]!.id;
    hz = (await zt.dispatch.createWarehouse(warehouseFields('HZ', { tiers: [tierInput(1, [R.zhejiang])] }))).id;
    gz = (await zt.dispatch.createWarehouse(warehouseFields('GZ'))).id;
  });

  /** Every layer of the SKU, compactly: dispatch rows by warehouse code, locations, sales total, ledger sizes. */
  const layers = async () => {
    const v = await zt.inventory.viewLayeredStock({ skuId: sku });
    const code = (id: string) => (id === hz ? 'HZ' : id === gz ? 'GZ' : id);
    return {
      dispatch: Object.fromEntries(v.warehouses.map((w) => [code(w.warehouseId), [w.book, w.available, w.inTransit, w.unsellable, w.used]])),
      locations: Object.fromEntries(
        v.warehouses.flatMap((w) => w.locations.map((l) => [`${code(w.warehouseId)} ${l.location}`, [l.available, l.locked, l.shipped, l.unusable]])),
      ),
      sales: v.sales?.total ?? null,
      ledgers: [v.ledgers.warehouse.length, v.ledgers.dispatch.length, v.ledgers.sales.length],
    };
  };
  const receipt = (over: Partial<Parameters<Zhongtai['inventory']['receivePurchase']>[0]> = {}) =>
    zt.inventory.receivePurchase({ skuId: sku, warehouseId: hz, location: 'A-01', quantity: 6, fromInTransit: false, reference: 'rcpt-1', ...over });
  /** Runs a rejected call and checks that nothing in any layer changed. */
  const rejectsAndWritesNothing = async (call: Promise<unknown>, expected: Record<string, unknown>) => {
    const before = await layers();
    await expect(call).rejects.toMatchObject(expected);
    expect(await layers()).toEqual(before);
  };

  describe('purchase in transit and receipt (bottom-up, 自下而上)', () => {
    it('a receipt raises the warehouse layer at the location, the dispatch layer (out of in-transit) and the sales layer, under one reference', async () => {
      await zt.inventory.recordPurchaseInTransit({ skuId: sku, warehouseId: hz, quantity: 10, reference: 'po-1' });
      expect(await layers()).toEqual({ dispatch: { HZ: [0, 0, 10, 0, 0] }, locations: {}, sales: null, ledgers: [0, 1, 0] });
      const r = await receipt({ quantity: 6, fromInTransit: true, reference: 'po-1' });
      expect(r).toMatchObject({ replayed: false, reference: 'po-1', sales: { stock: { total: 6 }, movement: { kind: 'increase', quantity: 6 } } });
      expect(r.warehouse.map((w) => [w.movement.kind, w.stock.available])).toEqual([['put_away', 6]]);
      expect(r.dispatch.map((d) => [d.movement.kind, d.movement.delta])).toEqual([
        ['receive', { book: 6, available: 6, inTransit: -6, unsellable: 0, used: 0 }],
      ]);
      await receipt({ quantity: 3, location: 'B-02', reference: 'rcpt-unannounced' });
      expect(await layers()).toEqual({
        dispatch: { HZ: [9, 9, 4, 0, 0] },
        locations: { 'HZ A-01': [6, 0, 0, 0], 'HZ B-02': [3, 0, 0, 0] },
        sales: 9,
        ledgers: [2, 3, 2],
      });
    });

    it('INV-5: replaying a receipt changes nothing and returns the first movements with replayed: true', async () => {
      const first = await receipt();
      const before = await layers();
      const again = await receipt();
      expect(again.replayed).toBe(true);
      expect([again.warehouse[0]!.movement.id, again.dispatch[0]!.movement.id, again.sales!.movement.id]).toEqual([
        first.warehouse[0]!.movement.id,
        first.dispatch[0]!.movement.id,
        first.sales!.movement.id,
      ]);
      expect(await layers()).toEqual(before);
    });

    it('INV-5: the same reference with another quantity, another location or from in-transit is INVENTORY.REFERENCE_REUSED, and nothing is written', async () => {
      await zt.inventory.recordPurchaseInTransit({ skuId: sku, warehouseId: hz, quantity: 10, reference: 'po-1' });
      await receipt();
      await rejectsAndWritesNothing(receipt({ quantity: 7 }), { code: 'INVENTORY.REFERENCE_REUSED', kind: 'conflict' });
      // Another location: its put-away would be new while the dispatch and sales steps replay.
      await rejectsAndWritesNothing(receipt({ location: 'B-02' }), { code: 'INVENTORY.REFERENCE_REUSED' });
      await rejectsAndWritesNothing(receipt({ fromInTransit: true }), { code: 'INVENTORY.REFERENCE_REUSED' });
    });

    it('a receipt out of in-transit cannot take more than is in transit (INVENTORY.RECEIPT_EXCEEDS_IN_TRANSIT), and writes nothing', async () => {
      await zt.inventory.recordPurchaseInTransit({ skuId: sku, warehouseId: hz, quantity: 2, reference: 'po-1' });
      await rejectsAndWritesNothing(receipt({ quantity: 3, fromInTransit: true }), {
        code: 'INVENTORY.RECEIPT_EXCEEDS_IN_TRANSIT',
        details: { layer: 'dispatch', warehouseId: hz, quantity: 3, inTransit: 2 },
      });
    });

    it.each([
      ['a zero quantity', { quantity: 0 }, 'QUANTITY.INVALID'],
      ['a negative quantity', { quantity: -1 }, 'QUANTITY.INVALID'],
      ['a fractional quantity', { quantity: 1.5 }, 'QUANTITY.INVALID'],
      ['a malformed location', { location: 'A 01' }, 'INVENTORY.INVALID_LOCATION'],
      ['a blank reference', { reference: ' ' }, 'INVENTORY.INVALID_REFERENCE'],
      ['an unknown SKU', { skuId: 'nope' }, 'INVENTORY.UNKNOWN_SKU'],
      ['an unknown warehouse', { warehouseId: 'nope' }, 'DISPATCH.WAREHOUSE_NOT_FOUND'],
    ])('a receipt with %s is %s, and writes nothing', async (_what, over, code) => {
      await receipt({ reference: 'earlier' });
      await rejectsAndWritesNothing(receipt(over), { code });
    });
  });

  describe('transfers (调拨): only the dispatch and warehouse layers move', () => {
    it('out of a location of one warehouse, in transit at the other, then received and put away there; the sales layer never changes', async () => {
      await receipt({ quantity: 6 });
      const out = await zt.inventory.transferStock({
        skuId: sku,
        fromWarehouseId: hz,
        fromLocation: 'A-01',
        toWarehouseId: gz,
        quantity: 4,
        reference: 'tr-1',
      });
      expect(out.sales).toBeNull();
      expect(out.dispatch.map((d) => d.movement.kind).sort()).toEqual(['transfer_in', 'transfer_out']);
      expect(await layers()).toMatchObject({ dispatch: { HZ: [2, 2, 0, 0, 0], GZ: [0, 0, 4, 0, 0] }, locations: { 'HZ A-01': [2, 0, 0, 0] }, sales: 6 });
      expect(
        (await zt.inventory.transferStock({ skuId: sku, fromWarehouseId: hz, fromLocation: 'A-01', toWarehouseId: gz, quantity: 4, reference: 'tr-1' }))
          .replayed,
      ).toBe(true);
      await zt.inventory.receiveTransfer({ skuId: sku, warehouseId: gz, location: 'C-01', quantity: 3, reference: 'tr-1' });
      expect(await layers()).toMatchObject({
        dispatch: { HZ: [2, 2, 0, 0, 0], GZ: [3, 3, 1, 0, 0] },
        locations: { 'HZ A-01': [2, 0, 0, 0], 'GZ C-01': [3, 0, 0, 0] },
        sales: 6,
      });
      await rejectsAndWritesNothing(zt.inventory.receiveTransfer({ skuId: sku, warehouseId: gz, location: 'C-01', quantity: 2, reference: 'tr-1b' }), {
        code: 'INVENTORY.RECEIPT_EXCEEDS_IN_TRANSIT',
        details: { inTransit: 1 },
      });
      expect(await zt.inventory.checkLayeredStockConsistency()).toEqual([]);
    });

    it.each([
      ['the same warehouse', (c: Record<string, unknown>) => ({ ...c, toWarehouseId: c.fromWarehouseId }), 'INVENTORY.TRANSFER_SAME_WAREHOUSE'],
      ['an unknown target', (c: Record<string, unknown>) => ({ ...c, toWarehouseId: 'nope' }), 'DISPATCH.WAREHOUSE_NOT_FOUND'],
      ['an unknown source', (c: Record<string, unknown>) => ({ ...c, fromWarehouseId: 'nope' }), 'DISPATCH.WAREHOUSE_NOT_FOUND'],
      ['a zero quantity', (c: Record<string, unknown>) => ({ ...c, quantity: 0 }), 'QUANTITY.INVALID'],
      ['more than the location has', (c: Record<string, unknown>) => ({ ...c, quantity: 7 }), 'INVENTORY.INSUFFICIENT_AVAILABLE'],
      ['a location without the SKU', (c: Record<string, unknown>) => ({ ...c, fromLocation: 'Z-99' }), 'INVENTORY.INSUFFICIENT_AVAILABLE'],
    ])('a transfer to %s is refused with %s, and nothing is written', async (_what, change, code) => {
      await receipt({ quantity: 6 });
      const cmd = change({ skuId: sku, fromWarehouseId: hz, fromLocation: 'A-01', toWarehouseId: gz, quantity: 2, reference: 'tr-x' });
      await rejectsAndWritesNothing(zt.inventory.transferStock(cmd as never), { code });
    });

    it('nothing written on failure: the location had the units (its step ran first), the dispatch layer had them assigned — the whole flow rolls back', async () => {
      await receipt({ quantity: 6 });
      await zt.inventory.assignStock({ skuId: sku, warehouseId: hz, quantity: 5, reference: 'do-1' });
      await rejectsAndWritesNothing(
        zt.inventory.transferStock({ skuId: sku, fromWarehouseId: hz, fromLocation: 'A-01', toWarehouseId: gz, quantity: 3, reference: 'tr-2' }),
        { code: 'INVENTORY.INSUFFICIENT_AVAILABLE', details: { layer: 'dispatch', warehouseId: hz, available: 1, quantity: 3 } },
      );
    });
  });

  describe('damage, write-off, moves and stock-takes', () => {
    it('damage leaves what can be sold: warehouse unusable, dispatch unsellable, sales total − n (same reference); a write-off takes them off the books', async () => {
      await receipt({ quantity: 6 });
      const events: DomainEvent[] = [];
      zt.events.subscribe('inventory.stock.low', async (e) => void events.push(e));
      await zt.inventory.configureStock({ skuId: sku, lowStockThreshold: 4 });
      const damaged = await zt.inventory.markDamaged({ skuId: sku, warehouseId: hz, location: 'A-01', quantity: 2, reference: 'dmg-1' });
      expect(damaged.sales?.movement).toMatchObject({ kind: 'adjust', quantity: -2, reference: 'dmg-1' });
      expect(await layers()).toMatchObject({ dispatch: { HZ: [6, 4, 0, 2, 0] }, locations: { 'HZ A-01': [4, 0, 0, 2] }, sales: 4 });
      expect(events.map((e) => e.payload)).toEqual([{ sellable: 4, threshold: 4 }]); // crossing the 警戒值
      await rejectsAndWritesNothing(zt.inventory.writeOffDamaged({ skuId: sku, warehouseId: hz, location: 'A-01', quantity: 3, reference: 'wo-1' }), {
        code: 'INVENTORY.WRITE_OFF_EXCEEDS_DAMAGED',
        details: { layer: 'warehouse', unusable: 2 },
      });
      await zt.inventory.writeOffDamaged({ skuId: sku, warehouseId: hz, location: 'A-01', quantity: 2, reference: 'wo-1' });
      expect(await layers()).toMatchObject({ dispatch: { HZ: [4, 4, 0, 0, 0] }, locations: { 'HZ A-01': [4, 0, 0, 0] }, sales: 4 });
      expect(await zt.inventory.checkLayeredStockConsistency()).toEqual([]);
    });

    it('damage is refused while orders hold the units in the sales layer (INVENTORY.ADJUST_BELOW_HELD), and nothing is written', async () => {
      await receipt({ quantity: 3 });
      await zt.inventory.changeOrderStock({ action: 'lock', orderId: 'o-1', lines: [{ skuId: sku, quantity: 3 }] });
      await rejectsAndWritesNothing(zt.inventory.markDamaged({ skuId: sku, warehouseId: hz, location: 'A-01', quantity: 1, reference: 'dmg-1' }), {
        code: 'INVENTORY.ADJUST_BELOW_HELD',
      });
    });

    it('a move changes two locations and nothing else; to the same location it is INVENTORY.MOVE_SAME_LOCATION', async () => {
      await receipt({ quantity: 6 });
      await zt.inventory.moveStock({ skuId: sku, warehouseId: hz, fromLocation: 'A-01', toLocation: 'B-07', quantity: 4, reference: 'mv-1' });
      expect(await layers()).toMatchObject({ dispatch: { HZ: [6, 6, 0, 0, 0] }, locations: { 'HZ A-01': [2, 0, 0, 0], 'HZ B-07': [4, 0, 0, 0] }, sales: 6 });
      const move = (over: Record<string, unknown>) =>
        zt.inventory.moveStock({ skuId: sku, warehouseId: hz, fromLocation: 'A-01', toLocation: 'B-07', quantity: 1, reference: 'mv-2', ...over });
      await rejectsAndWritesNothing(move({ toLocation: 'A-01' }), { code: 'INVENTORY.MOVE_SAME_LOCATION', kind: 'invalid' });
      await rejectsAndWritesNothing(move({ quantity: 3 }), {
        code: 'INVENTORY.INSUFFICIENT_AVAILABLE',
        details: { layer: 'warehouse', location: 'A-01', available: 2 },
      });
    });

    it('a stock-take gain or loss at a location moves all three layers; a loss below zero is INVENTORY.ADJUST_BELOW_ZERO', async () => {
      await receipt({ quantity: 6 });
      await zt.inventory.takeStock({ skuId: sku, warehouseId: hz, location: 'A-01', quantity: -2, reference: 'st-1' });
      await zt.inventory.takeStock({ skuId: sku, warehouseId: hz, location: 'C-03', quantity: 5, reference: 'st-2' });
      expect(await layers()).toMatchObject({ dispatch: { HZ: [9, 9, 0, 0, 0] }, locations: { 'HZ A-01': [4, 0, 0, 0], 'HZ C-03': [5, 0, 0, 0] }, sales: 9 });
      await rejectsAndWritesNothing(zt.inventory.takeStock({ skuId: sku, warehouseId: hz, location: 'A-01', quantity: -5, reference: 'st-3' }), {
        code: 'INVENTORY.ADJUST_BELOW_ZERO',
        details: { layer: 'warehouse', available: 4 },
      });
      await rejectsAndWritesNothing(zt.inventory.takeStock({ skuId: sku, warehouseId: hz, location: 'A-01', quantity: 0, reference: 'st-4' }), {
        code: 'QUANTITY.INVALID',
      });
    });
  });

  describe('outbound: assign, pick, ship', () => {
    it('assigned units are used in the dispatch layer, picked ones locked at the location; shipping takes both off the books', async () => {
      await receipt({ quantity: 6 });
      await zt.inventory.assignStock({ skuId: sku, warehouseId: hz, quantity: 3, reference: 'do-1' });
      await zt.inventory.pickStock({ skuId: sku, warehouseId: hz, location: 'A-01', quantity: 3, reference: 'do-1' });
      expect(await layers()).toMatchObject({ dispatch: { HZ: [6, 3, 0, 0, 3] }, locations: { 'HZ A-01': [3, 3, 0, 0] } });
      await zt.inventory.shipStock({ skuId: sku, warehouseId: hz, location: 'A-01', quantity: 2, reference: 'do-1' });
      await zt.inventory.unpickStock({ skuId: sku, warehouseId: hz, location: 'A-01', quantity: 1, reference: 'do-1' });
      await zt.inventory.releaseStock({ skuId: sku, warehouseId: hz, quantity: 1, reference: 'do-1' });
      expect(await layers()).toMatchObject({ dispatch: { HZ: [4, 4, 0, 0, 0] }, locations: { 'HZ A-01': [4, 0, 2, 0] }, sales: 6 });
      await rejectsAndWritesNothing(zt.inventory.shipStock({ skuId: sku, warehouseId: hz, location: 'A-01', quantity: 1, reference: 'do-2' }), {
        code: 'INVENTORY.SHIP_EXCEEDS_LOCKED',
      });
      await zt.inventory.pickStock({ skuId: sku, warehouseId: hz, location: 'A-01', quantity: 1, reference: 'do-2' });
      await rejectsAndWritesNothing(zt.inventory.shipStock({ skuId: sku, warehouseId: hz, location: 'A-01', quantity: 1, reference: 'do-2' }), {
        code: 'INVENTORY.SHIP_EXCEEDS_USED',
        details: { layer: 'dispatch', used: 0 },
      });
      expect(await zt.inventory.checkLayeredStockConsistency()).toEqual([]);
    });
  });

  describe('consistency check and view', () => {
    it('INV-4 per layer and the cross-layer book: a counter changed behind a ledger, or a location that disagrees with the book, is reported', async () => {
      await receipt({ quantity: 6 });
      await receipt({ quantity: 2, warehouseId: gz, location: 'G-01', reference: 'rcpt-gz' });
      expect(await zt.inventory.checkLayeredStockConsistency()).toEqual([]);
      // Behind the ledgers' back: HZ's dispatch row gains 3 available (and book, keeping its identity); a GZ location loses one.
      const dKey = `${sku}\u0000${hz}`;
      const dispatchRows = db.table('dispatchStocks') as Map<string, DispatchStock & { id: string; version: number }>;
      const row = dispatchRows.get(dKey)!;
      dispatchRows.set(dKey, { ...row, available: row.available + 3, book: row.book + 3 });
      const lKey = `${sku}\u0000${gz}\u0000G-01`;
      const locationRows = db.table('locationStocks') as Map<string, LocationStock & { id: string; version: number }>;
      locationRows.set(lKey, { ...locationRows.get(lKey)!, available: 1 });
      expect(await zt.inventory.checkLayeredStockConsistency()).toEqual([
        { layer: 'dispatch', skuId: sku, warehouseId: hz, field: 'book', counter: 9, ledger: 6 },
        { layer: 'dispatch', skuId: sku, warehouseId: hz, field: 'available', counter: 9, ledger: 6 },
        { layer: 'warehouse', skuId: sku, warehouseId: gz, location: 'G-01', field: 'available', counter: 1, ledger: 2 },
        ...[
          { layer: 'cross', skuId: sku, warehouseId: hz, field: 'book', counter: 9, ledger: 6 },
          { layer: 'cross', skuId: sku, warehouseId: gz, field: 'book', counter: 2, ledger: 1 },
        ].sort((a, b) => (a.warehouseId < b.warehouseId ? -1 : 1)),
      ]);
      expect(await zt.inventory.checkLayeredStockConsistency({ skuIds: ['other'] })).toEqual([]);
    });

    it('the view lists the sales layer, every warehouse with its locations, and the ledger of each layer; an unknown SKU is INVENTORY.UNKNOWN_SKU', async () => {
      expect(await zt.inventory.viewLayeredStock({ skuId: sku })).toEqual({
        skuId: sku,
        sales: null,
        warehouses: [],
        ledgers: { sales: [], dispatch: [], warehouse: [] },
      });
      await receipt({ quantity: 6 });
      await zt.inventory.recordPurchaseInTransit({ skuId: sku, warehouseId: gz, quantity: 4, reference: 'po-9' });
      const v = await zt.inventory.viewLayeredStock({ skuId: sku });
      expect(v.sales).toMatchObject({ total: 6, sellable: 6, inStock: true });
      expect(v.warehouses).toEqual(
        [
          {
            warehouseId: hz,
            book: 6,
            available: 6,
            inTransit: 0,
            unsellable: 0,
            used: 0,
            locations: [{ location: 'A-01', available: 6, locked: 0, shipped: 0, unusable: 0 }],
          },
          { warehouseId: gz, book: 0, available: 0, inTransit: 4, unsellable: 0, used: 0, locations: [] },
        ].sort((a, b) => (a.warehouseId < b.warehouseId ? -1 : 1)),
      );
      expect(v.ledgers.warehouse.map((m) => m.kind)).toEqual(['put_away']);
      expect(v.ledgers.dispatch.map((m) => m.kind)).toEqual(['receive', 'in_transit']);
      expect(v.ledgers.sales.map((m) => m.kind)).toEqual(['increase']);
      await expect(zt.inventory.viewLayeredStock({ skuId: 'nope' })).rejects.toMatchObject({ code: 'INVENTORY.UNKNOWN_SKU', kind: 'not_found' });
    });
  });
});
