/**
 * Mothers for the dispatch tests: warehouses built through `Warehouse.create` with defaults that a test
 * overrides only where the rule under test cares.
 */
import type { DispatchCandidate } from '../../../domain/dispatch/selection.js';
import { Warehouse, type DeliveryTierInput, type WarehouseFields, type WarehouseType } from '../../../domain/dispatch/warehouse.js';

/** Regions used across the tests (GB/T 2260). */
export const R = {
  zhejiang: '330000',
  hangzhou: '330100',
  xihu: '330106', // 杭州市西湖区
  binjiang: '330108', // 杭州市滨江区
  ningbo: '330200',
  haishu: '330203', // 宁波市海曙区
  jiangsu: '320000',
  nanjing: '320100',
  xuanwu: '320102', // 南京市玄武区
  guangdong: '440000',
  nanshan: '440305', // 深圳市南山区
} as const;

/** The fields of a self-run regional warehouse in Xihu district, as a use case or a request takes them. */
export const warehouseFields = (code: string, over: Partial<WarehouseFields> = {}): WarehouseFields => ({
  code,
  name: `仓库 ${code}`,
  address: { region: R.xihu, detail: '文三路 1 号' },
  contact: { name: '王仓管', phone: '0571-88880000' },
  type: 'self_run_regional',
  priority: 10,
  ...over,
});

/** A delivery tier as a use case or a request takes it. */
export const tierInput = (t: number, regions: string[], days = t) => ({ tier: t, regions, estimatedDeliveryDays: days });

/** Default days per tier: 1, 2 and 3. */
export const DAYS = { 1: 1, 2: 2, 3: 3 } as const;

export interface WarehouseSpec {
  readonly type?: WarehouseType;
  readonly priority?: number;
  readonly status?: 'active' | 'inactive';
  /** Regions per tier; days default to DAYS. */
  readonly tier1?: readonly string[];
  readonly tier2?: readonly string[];
  readonly tier3?: readonly string[];
  readonly fields?: Partial<WarehouseFields>;
}

export function tiersOf(spec: WarehouseSpec): DeliveryTierInput[] {
  return ([1, 2, 3] as const).flatMap((tier) => {
    const regions = spec[`tier${tier}`];
    return regions ? [{ tier, regions, estimatedDeliveryDays: DAYS[tier] }] : [];
  });
}

export function aWarehouse(id: string, spec: WarehouseSpec = {}): Warehouse {
  return Warehouse.create(id, {
    code: id.toUpperCase(),
    name: `仓库 ${id}`,
    address: { region: R.xihu, detail: '文三路 1 号' },
    contact: { name: '王仓管', phone: '0571-88880000' },
    type: spec.type ?? 'self_run_regional',
    priority: spec.priority ?? 10,
    status: spec.status ?? 'active',
    tiers: tiersOf(spec),
    ...spec.fields,
  });
}

export function candidate(warehouse: Warehouse, available: Record<string, number>): DispatchCandidate {
  return { warehouse: warehouse.toSnapshot(), available };
}
