import { describe, expect, it } from 'vitest';
import { regionCode } from '../../../domain/dispatch/region.js';
import { Warehouse, WAREHOUSE_TYPE_PRIORITY } from '../../../domain/dispatch/warehouse.js';
import { domainErrorOf } from '../../support/mothers.js';
import { aWarehouse, R } from './dispatch-mothers.js';

describe('Warehouse (仓库)', () => {
  it('is created active with its fields trimmed and its tiers sorted', () => {
    const w = Warehouse.create('w1', {
      code: ' HZ-01 ',
      name: ' 杭州中心仓 ',
      address: { region: R.xihu, detail: ' 文三路 1 号 ' },
      contact: { name: ' 王仓管 ', phone: ' 0571-88880000 ' },
      type: 'self_run_central',
      priority: 1,
      tiers: [
        { tier: 2, regions: [R.jiangsu], estimatedDeliveryDays: 2 },
        { tier: 1, regions: [R.zhejiang], estimatedDeliveryDays: 1 },
      ],
    });
    expect(w.toSnapshot()).toEqual({
      id: 'w1',
      code: 'HZ-01',
      name: '杭州中心仓',
      address: { region: '330106', detail: '文三路 1 号' },
      contact: { name: '王仓管', phone: '0571-88880000' },
      type: 'self_run_central',
      priority: 1,
      status: 'active',
      tiers: [
        { tier: 1, regions: ['330000'], estimatedDeliveryDays: 1 },
        { tier: 2, regions: ['320000'], estimatedDeliveryDays: 2 },
      ],
      version: 0,
    });
  });

  it('DSP-1 (3): the type priority puts self-run central before self-run regional before supplier', () => {
    expect(WAREHOUSE_TYPE_PRIORITY.self_run_central).toBeLessThan(WAREHOUSE_TYPE_PRIORITY.self_run_regional);
    expect(WAREHOUSE_TYPE_PRIORITY.self_run_regional).toBeLessThan(WAREHOUSE_TYPE_PRIORITY.supplier);
  });

  it.each([
    ['a city and one of its districts in two tiers', { tier1: [R.hangzhou], tier2: [R.xihu] }],
    ['a province and one of its districts in two tiers', { tier1: [R.xihu], tier3: [R.zhejiang] }],
    ['a province and one of its cities in one tier', { tier1: [R.zhejiang, R.ningbo] }],
    ['the same district in two tiers', { tier1: [R.xihu], tier2: [R.binjiang, R.xihu] }],
    ['the same city twice in one tier', { tier2: [R.ningbo, R.ningbo] }],
  ])('DISPATCH.OVERLAPPING_REGIONS: %s', (_, spec) => {
    const error = domainErrorOf(() => aWarehouse('w1', spec));
    expect(error.code).toBe('DISPATCH.OVERLAPPING_REGIONS');
    expect(error.details).toMatchObject({ warehouseId: 'w1' });
  });

  it('the overlap error names both regions and their tiers', () => {
    const error = domainErrorOf(() => aWarehouse('w1', { tier1: [R.hangzhou], tier2: [R.xihu] }));
    expect(error.details).toEqual({ warehouseId: 'w1', regions: ['330100', '330106'], tiers: [1, 2] });
  });

  it('disjoint regions in any tiers are fine: neighbouring districts, cities of one province, other provinces', () => {
    const w = aWarehouse('w1', { tier1: [R.xihu, R.binjiang], tier2: [R.ningbo, R.nanjing], tier3: [R.guangdong] });
    expect(w.tiers.map((t) => t.regions.length)).toEqual([2, 2, 1]);
  });

  it.each([
    ['a five-digit code', { tier1: ['33010'] }],
    ['an unknown province', { tier1: ['990000'] }],
    ['a district without a city', { tier2: ['330006'] }],
  ])('DISPATCH.INVALID_REGION: %s in a tier', (_, spec) => {
    expect(domainErrorOf(() => aWarehouse('w1', spec)).code).toBe('DISPATCH.INVALID_REGION');
  });

  it('DISPATCH.INVALID_REGION: the warehouse address is a district', () => {
    expect(domainErrorOf(() => aWarehouse('w1', { fields: { address: { region: R.hangzhou, detail: 'x' } } })).code).toBe('DISPATCH.INVALID_REGION');
  });

  it('tiers are 1, 2 or 3, each at most once, with whole days never faster in a later tier', () => {
    const create = (tiers: { tier: number; regions: string[]; estimatedDeliveryDays: number }[]) => () => aWarehouse('w1').defineDeliveryRegions(tiers);
    expect(domainErrorOf(create([{ tier: 4, regions: [], estimatedDeliveryDays: 1 }])).code).toBe('DISPATCH.INVALID_TIER');
    expect(domainErrorOf(create([{ tier: 0, regions: [], estimatedDeliveryDays: 1 }])).code).toBe('DISPATCH.INVALID_TIER');
    expect(
      domainErrorOf(
        create([
          { tier: 1, regions: [R.xihu], estimatedDeliveryDays: 1 },
          { tier: 1, regions: [R.ningbo], estimatedDeliveryDays: 1 },
        ]),
      ).code,
    ).toBe('DISPATCH.INVALID_TIER');
    expect(domainErrorOf(create([{ tier: 1, regions: [], estimatedDeliveryDays: 1.5 }])).code).toBe('DISPATCH.INVALID_DELIVERY_TIME');
    expect(domainErrorOf(create([{ tier: 1, regions: [], estimatedDeliveryDays: -1 }])).code).toBe('DISPATCH.INVALID_DELIVERY_TIME');
    expect(
      domainErrorOf(
        create([
          { tier: 1, regions: [R.xihu], estimatedDeliveryDays: 2 },
          { tier: 3, regions: [R.ningbo], estimatedDeliveryDays: 1 },
        ]),
      ).code,
    ).toBe('DISPATCH.INVALID_DELIVERY_TIME');
    // Same-day tier 1 and equal days in two tiers are allowed.
    expect(() =>
      create([
        { tier: 1, regions: [R.xihu], estimatedDeliveryDays: 0 },
        { tier: 2, regions: [R.ningbo], estimatedDeliveryDays: 0 },
      ])(),
    ).not.toThrow();
  });

  it.each([
    ['DISPATCH.INVALID_CODE', { code: 'has space' }],
    ['DISPATCH.INVALID_CODE', { code: '' }],
    ['DISPATCH.INVALID_NAME', { name: '  ' }],
    ['DISPATCH.INVALID_NAME', { name: '仓'.repeat(61) }],
    ['DISPATCH.INVALID_ADDRESS', { address: { region: R.xihu, detail: ' ' } }],
    ['DISPATCH.INVALID_CONTACT', { contact: { name: '', phone: '0571-1' } }],
    ['DISPATCH.INVALID_CONTACT', { contact: { name: '王', phone: 'call me' } }],
    ['DISPATCH.INVALID_TYPE', { type: 'bonded' as never }],
    ['DISPATCH.INVALID_PRIORITY', { priority: -1 }],
    ['DISPATCH.INVALID_PRIORITY', { priority: 1.5 }],
    ['DISPATCH.INVALID_PRIORITY', { priority: 10_000 }],
  ])('%s on create and on update', (code, fields) => {
    expect(domainErrorOf(() => aWarehouse('w1', { fields })).code).toBe(code);
    const w = aWarehouse('w1');
    const before = w.toSnapshot();
    expect(domainErrorOf(() => w.update(fields)).code).toBe(code);
    expect(w.toSnapshot()).toBe(before);
  });

  it('a failed region change leaves the regions as they were', () => {
    const w = aWarehouse('w1', { tier1: [R.xihu] });
    const before = w.toSnapshot();
    domainErrorOf(() => w.defineDeliveryRegions([{ tier: 1, regions: [R.hangzhou, R.xihu], estimatedDeliveryDays: 1 }]));
    expect(w.toSnapshot()).toBe(before);
  });

  it('DSP-1 (2): tierFor finds the one tier covering the address through its district, city or province', () => {
    const w = aWarehouse('w1', { tier1: [R.xihu], tier2: [R.ningbo], tier3: [R.jiangsu] });
    expect(w.tierFor(regionCode(R.xihu))?.tier).toBe(1);
    expect(w.tierFor(regionCode(R.haishu))?.tier).toBe(2);
    expect(w.tierFor(regionCode(R.xuanwu))).toEqual({ tier: 3, regions: ['320000'], estimatedDeliveryDays: 3 });
    expect(w.tierFor(regionCode(R.binjiang))).toBeNull();
    expect(w.tierFor(regionCode(R.nanshan))).toBeNull();
  });

  it('update changes the given fields only; activate and deactivate switch the status', () => {
    const w = aWarehouse('w1', { tier1: [R.xihu] });
    w.update({ priority: 3, name: '新名字', code: undefined });
    w.deactivate();
    expect(w.toSnapshot()).toMatchObject({ priority: 3, name: '新名字', code: 'W1', status: 'inactive', tiers: [{ tier: 1 }] });
    w.activate();
    expect(w.status).toBe('active');
  });

  it('restore keeps a snapshot as it is; markSaved moves the version', () => {
    const snapshot = aWarehouse('w1', { tier2: [R.ningbo] }).toSnapshot();
    const restored = Warehouse.restore({ ...snapshot, version: 4 });
    restored.markSaved(5);
    expect(restored.toSnapshot()).toEqual({ ...snapshot, version: 5 });
  });
});
