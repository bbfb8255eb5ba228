import { beforeEach, describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../index.js';
import { R, tierInput, warehouseFields } from '../domain/dispatch/dispatch-mothers.js';

const fields = warehouseFields;
const tier = tierInput;

describe('dispatch use cases on memory', () => {
  let zt: Zhongtai;
  let sku: { a: string; b: string };
  beforeEach(async () => {
    zt = createZhongtai();
    const leaf = await zt.catalog.createCategory({ name: 'Tea' });
    const a = await zt.catalog.createSpu({ code: 'TEA-A', title: 'Longjing', categoryId: leaf.id, salePrice: '128.00' });
    const b = await zt.catalog.createSpu({ code: 'TEA-B', title: 'Biluochun', categoryId: leaf.id, salePrice: '98.00' });
    sku = { a: a.skus[0]!.id, b: b.skus[0]!.id };
  });
  const codes = async () => (await zt.dispatch.listWarehouses()).map((w) => w.code);
  /** Stock reaches a warehouse by a purchase receipt (warehouse, dispatch and sales layers). */
  const receive = (warehouseId: string, skuId: string, quantity: number) =>
    zt.inventory.receivePurchase({ warehouseId, skuId, location: 'A-01-01', quantity, fromInTransit: false, reference: `receipt-${warehouseId}-${skuId}` });

  describe('warehouses', () => {
    it('creates a warehouse at version 1 with its tiers; lists by code, all or by status', async () => {
      const hz = await zt.dispatch.createWarehouse(fields('HZ', { tiers: [tier(1, [R.zhejiang]), tier(2, [R.jiangsu])] }));
      expect(hz).toMatchObject({ code: 'HZ', status: 'active', version: 1, tiers: [{ tier: 1 }, { tier: 2 }] });
      await zt.dispatch.createWarehouse(fields('GZ', { status: 'inactive' }));
      expect(await codes()).toEqual(['GZ', 'HZ']);
      expect((await zt.dispatch.listWarehouses({ status: 'active' })).map((w) => w.code)).toEqual(['HZ']);
      expect((await zt.dispatch.listWarehouses({ status: 'inactive' })).map((w) => w.code)).toEqual(['GZ']);
    });

    it('DISPATCH.DUPLICATE_WAREHOUSE_CODE: a taken code (after trimming) is a conflict, and nothing is written', async () => {
      await zt.dispatch.createWarehouse(fields('HZ'));
      await expect(zt.dispatch.createWarehouse(fields(' HZ '))).rejects.toMatchObject({
        code: 'DISPATCH.DUPLICATE_WAREHOUSE_CODE',
        kind: 'conflict',
        details: { code: 'HZ' },
      });
      const gz = await zt.dispatch.createWarehouse(fields('GZ'));
      await expect(zt.dispatch.updateWarehouse({ warehouseId: gz.id, code: 'HZ' })).rejects.toMatchObject({ code: 'DISPATCH.DUPLICATE_WAREHOUSE_CODE' });
      expect(await codes()).toEqual(['GZ', 'HZ']);
      await expect(zt.dispatch.updateWarehouse({ warehouseId: gz.id, code: 'GZ', name: 'Same code' })).resolves.toMatchObject({ version: 2 });
    });

    it('DISPATCH.OVERLAPPING_REGIONS: Hangzhou in tier 1 and Xihu in tier 2 is refused, on create and on update', async () => {
      const overlapping = [tier(1, [R.hangzhou]), tier(2, [R.xihu])];
      await expect(zt.dispatch.createWarehouse(fields('HZ', { tiers: overlapping }))).rejects.toMatchObject({
        code: 'DISPATCH.OVERLAPPING_REGIONS',
        details: { regions: [R.hangzhou, R.xihu], tiers: [1, 2] },
      });
      expect(await codes()).toEqual([]);
      const hz = await zt.dispatch.createWarehouse(fields('HZ', { tiers: [tier(1, [R.ningbo])] }));
      await expect(zt.dispatch.updateWarehouse({ warehouseId: hz.id, tiers: overlapping })).rejects.toMatchObject({ code: 'DISPATCH.OVERLAPPING_REGIONS' });
      expect((await zt.dispatch.listWarehouses())[0]).toMatchObject({ version: 1, tiers: [{ regions: [R.ningbo] }] });
    });

    it('updates fields, status and tiers in one transaction; an unknown warehouse is DISPATCH.WAREHOUSE_NOT_FOUND', async () => {
      const hz = await zt.dispatch.createWarehouse(fields('HZ'));
      const updated = await zt.dispatch.updateWarehouse({ warehouseId: hz.id, priority: 1, status: 'inactive', tiers: [tier(1, [R.zhejiang], 0)] });
      expect(updated).toMatchObject({ priority: 1, status: 'inactive', version: 2, tiers: [{ tier: 1, regions: [R.zhejiang], estimatedDeliveryDays: 0 }] });
      expect(await zt.dispatch.updateWarehouse({ warehouseId: hz.id, status: 'active' })).toMatchObject({ status: 'active', priority: 1, version: 3 });
      await expect(zt.dispatch.updateWarehouse({ warehouseId: 'nope', name: 'x' })).rejects.toMatchObject({
        code: 'DISPATCH.WAREHOUSE_NOT_FOUND',
        kind: 'not_found',
      });
      await expect(zt.dispatch.updateWarehouse({ warehouseId: hz.id, address: { region: '330100', detail: 'x' } })).rejects.toMatchObject({
        code: 'DISPATCH.INVALID_REGION',
      });
    });
  });

  describe('pre-dispatch over the dispatch layer of stock', () => {
    it('DSP-1 (1): PreviewDispatch reads what purchase receipts made available in the dispatch layer, net of assignments, damage and transfers', async () => {
      const hz = await zt.dispatch.createWarehouse(fields('HZ', { tiers: [tier(1, [R.zhejiang])] }));
      const gz = await zt.dispatch.createWarehouse(fields('GZ', { tiers: [tier(3, [R.zhejiang])] }));
      const preview = (quantity: number) => zt.dispatch.previewDispatch({ address: R.xihu, lines: [{ skuId: sku.a, quantity }] });
      const warehouseOf = async (quantity: number) => (await preview(quantity)).groups.map((g) => g.warehouseCode);
      await expect(preview(1)).rejects.toMatchObject({ code: 'DISPATCH.INSUFFICIENT_STOCK' });
      await zt.inventory.recordPurchaseInTransit({ warehouseId: hz.id, skuId: sku.a, quantity: 10, reference: 'po-1' });
      await expect(preview(1)).rejects.toMatchObject({ code: 'DISPATCH.INSUFFICIENT_STOCK' }); // in transit is not available
      await zt.inventory.receivePurchase({ warehouseId: hz.id, skuId: sku.a, location: 'A-01-01', quantity: 10, fromInTransit: true, reference: 'po-1' });
      expect(await warehouseOf(10)).toEqual(['HZ']);
      await zt.inventory.assignStock({ warehouseId: hz.id, skuId: sku.a, quantity: 2, reference: 'do-1' });
      await zt.inventory.markDamaged({ warehouseId: hz.id, skuId: sku.a, location: 'A-01-01', quantity: 1, reference: 'dmg-1' });
      expect(await warehouseOf(7)).toEqual(['HZ']);
      await expect(preview(8)).rejects.toMatchObject({ code: 'DISPATCH.INSUFFICIENT_STOCK', details: { lines: [{ skuId: sku.a, quantity: 8 }] } });
      await zt.inventory.transferStock({ skuId: sku.a, fromWarehouseId: hz.id, fromLocation: 'A-01-01', toWarehouseId: gz.id, quantity: 7, reference: 't-1' });
      await expect(preview(1)).rejects.toMatchObject({ code: 'DISPATCH.INSUFFICIENT_STOCK' }); // on its way to GZ
      await zt.inventory.receiveTransfer({ warehouseId: gz.id, skuId: sku.a, location: 'B-02-01', quantity: 7, reference: 't-1' });
      expect(await warehouseOf(7)).toEqual(['GZ']);
    });

    it('DSP-1: the best tier wins over type and priority; inactive warehouses are no candidates; the plan names the warehouses', async () => {
      const near = await zt.dispatch.createWarehouse(fields('NEAR', { type: 'supplier', priority: 99, tiers: [tier(1, [R.hangzhou])] }));
      const central = await zt.dispatch.createWarehouse(fields('CENTRAL', { type: 'self_run_central', priority: 0, tiers: [tier(2, [R.zhejiang])] }));
      const closed = await zt.dispatch.createWarehouse(
        fields('CLOSED', { type: 'self_run_central', priority: 0, status: 'inactive', tiers: [tier(1, [R.xihu], 0)] }),
      );
      for (const w of [near, central, closed]) await receive(w.id, sku.a, 10);
      const plan = await zt.dispatch.previewDispatch({
        address: R.xihu,
        lines: [
          { skuId: sku.a, quantity: 1 },
          { skuId: sku.a, quantity: 2 },
        ],
      });
      expect(plan).toEqual({
        address: R.xihu,
        estimatedDeliveryDays: 1,
        groups: [
          {
            warehouseId: near.id,
            warehouseCode: 'NEAR',
            warehouseName: '仓库 NEAR',
            warehouseType: 'supplier',
            tier: 1,
            estimatedDeliveryDays: 1,
            lines: [{ skuId: sku.a, quantity: 3 }],
          },
        ],
      });
    });

    it('DSP-1 (6): when no warehouse has every line, the lines split over the fewest warehouses', async () => {
      const hz = await zt.dispatch.createWarehouse(fields('HZ', { tiers: [tier(1, [R.zhejiang])] }));
      const nj = await zt.dispatch.createWarehouse(fields('NJ', { tiers: [tier(1, [R.jiangsu]), tier(3, [R.zhejiang])] }));
      await receive(hz.id, sku.a, 5);
      await receive(nj.id, sku.b, 5);
      const plan = await zt.dispatch.previewDispatch({
        address: R.binjiang,
        lines: [
          { skuId: sku.a, quantity: 1 },
          { skuId: sku.b, quantity: 1 },
        ],
      });
      expect(plan.groups.map((g) => [g.warehouseCode, g.tier, g.lines.map((l) => l.skuId)])).toEqual([
        ['HZ', 1, [sku.a]],
        ['NJ', 3, [sku.b]],
      ]);
      expect(plan.estimatedDeliveryDays).toBe(3);
    });

    it.each([
      ['no lines', { address: R.xihu, lines: [] }, 'DISPATCH.NO_LINES'],
      ['a zero quantity', { address: R.xihu, lines: [{ skuId: 'A', quantity: 0 }] }, 'QUANTITY.INVALID'],
      ['a negative quantity', { address: R.xihu, lines: [{ skuId: 'A', quantity: -1 }] }, 'QUANTITY.INVALID'],
      ['a city as the address', { address: R.hangzhou, lines: [{ skuId: 'A', quantity: 1 }] }, 'DISPATCH.INVALID_REGION'],
      ['an unknown province', { address: '990101', lines: [{ skuId: 'A', quantity: 1 }] }, 'DISPATCH.INVALID_REGION'],
      ['an unknown SKU', { address: R.xihu, lines: [{ skuId: 'nope', quantity: 1 }] }, 'DISPATCH.UNKNOWN_SKU'],
      ['an address no warehouse delivers to', { address: R.nanshan, lines: [{ skuId: 'A', quantity: 1 }] }, 'DISPATCH.NO_WAREHOUSE'],
    ])('PreviewDispatch rejects %s with %s', async (_what, cmd, code) => {
      await zt.dispatch.createWarehouse(fields('HZ', { tiers: [tier(1, [R.zhejiang])] }));
      const lines = cmd.lines.map((l) => ({ ...l, skuId: l.skuId === 'A' ? sku.a : l.skuId }));
      await expect(zt.dispatch.previewDispatch({ ...cmd, lines })).rejects.toMatchObject({ code });
    });
  });
});
