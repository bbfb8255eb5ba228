import { AggregateRoot } from '../shared/domain-event.js';
import { DomainError } from '../shared/domain-error.js';
import { districtCode, regionCode, regionContains, regionsOverlap, type RegionCode } from './region.js';

export const WAREHOUSE_TYPES = ['self_run_central', 'self_run_regional', 'supplier'] as const;
/** 自营中心仓, 自营区域仓, 供应商协同仓. */
export type WarehouseType = (typeof WAREHOUSE_TYPES)[number];

/**
 * DSP-1 (3): the type priority, lower first. The spec leaves the order open; we take the order in
 * which the seed lists the types: self-run central (自营中心仓) before self-run regional (自营区域仓)
 * before supplier collaborative (供应商协同仓). Self-run stock is ours to ship and control; the central
 * warehouse is the higher grade (仓库等级). Proximity is already decided by the tier, step (2).
 */
export const WAREHOUSE_TYPE_PRIORITY = {
  self_run_central: 1,
  self_run_regional: 2,
  supplier: 3,
} as const satisfies Record<WarehouseType, number>;

export const WAREHOUSE_STATUSES = ['active', 'inactive'] as const;
export type WarehouseStatus = (typeof WAREHOUSE_STATUSES)[number];

export const DELIVERY_TIERS = [1, 2, 3] as const;
/** 一级 / 二级 / 三级配送区域: tier 1 is the fastest. */
export type TierNumber = (typeof DELIVERY_TIERS)[number];

/** DSP-1 (4): a warehouse's own priority, lower = preferred, a whole number from 0 to this. */
export const MAX_WAREHOUSE_PRIORITY = 9999;
export const MAX_DELIVERY_DAYS = 365;

export interface DeliveryTier {
  readonly tier: TierNumber;
  /** Province, city or district codes; a rule naming a region covers everything inside it. */
  readonly regions: readonly RegionCode[];
  /** Estimated days from dispatch to delivery for addresses in this tier (0 = same day). */
  readonly estimatedDeliveryDays: number;
}

export interface WarehouseAddress {
  readonly region: RegionCode;
  readonly detail: string;
}

export interface WarehouseContact {
  readonly name: string;
  readonly phone: string;
}

export interface WarehouseSnapshot {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly address: WarehouseAddress;
  readonly contact: WarehouseContact;
  readonly type: WarehouseType;
  readonly priority: number;
  readonly status: WarehouseStatus;
  /** Sorted by tier number, at most one entry per tier. */
  readonly tiers: readonly DeliveryTier[];
  readonly version: number;
}

export interface DeliveryTierInput {
  readonly tier: number;
  readonly regions: readonly string[];
  readonly estimatedDeliveryDays: number;
}

export interface WarehouseFields {
  readonly code: string;
  readonly name: string;
  readonly address: { readonly region: string; readonly detail: string };
  readonly contact: WarehouseContact;
  readonly type: WarehouseType;
  readonly priority: number;
  readonly status?: WarehouseStatus;
  readonly tiers?: readonly DeliveryTierInput[];
}

/** A warehouse (仓库) of the dispatch centre (调度中心) and the regions it delivers to, in tiers. */
export class Warehouse extends AggregateRoot {
  private constructor(private state: WarehouseSnapshot) {
    super();
  }

  static create(id: string, fields: WarehouseFields): Warehouse {
    return new Warehouse(checked({ id, version: 0, status: 'active', tiers: [], ...fields }));
  }

  static restore(snapshot: WarehouseSnapshot): Warehouse {
    return new Warehouse(snapshot);
  }

  get id(): string {
    return this.state.id;
  }
  get status(): WarehouseStatus {
    return this.state.status;
  }
  get tiers(): readonly DeliveryTier[] {
    return this.state.tiers;
  }
  get version(): number {
    return this.state.version;
  }

  /** Changes the given fields; regions change only through `defineDeliveryRegions`. */
  update(fields: Partial<Omit<WarehouseFields, 'tiers' | 'status'>>): void {
    const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    this.state = checked({ ...this.state, ...given });
  }

  /** Replaces the delivery regions of every tier; no two regions of the warehouse may overlap. */
  defineDeliveryRegions(tiers: readonly DeliveryTierInput[]): void {
    this.state = checked({ ...this.state, tiers });
  }

  activate(): void {
    this.state = { ...this.state, status: 'active' };
  }
  deactivate(): void {
    this.state = { ...this.state, status: 'inactive' };
  }

  /** DSP-1 (2): the tier that covers the address, or null. */
  tierFor(address: RegionCode): DeliveryTier | null {
    return deliveryTierFor(this.state, address);
  }

  toSnapshot(): WarehouseSnapshot {
    return this.state;
  }

  markSaved(version: number): void {
    this.state = { ...this.state, version };
  }
}

/**
 * DSP-1 (2): the tier of `warehouse` whose regions cover the address (its district, city or province),
 * or null. Regions of a warehouse never overlap, so at most one tier matches.
 */
export function deliveryTierFor(warehouse: WarehouseSnapshot, address: RegionCode): DeliveryTier | null {
  return warehouse.tiers.find((t) => t.regions.some((r) => regionContains(r, address))) ?? null;
}

type Unchecked = Omit<WarehouseSnapshot, 'address' | 'tiers'> & {
  readonly address: { readonly region: string; readonly detail: string };
  readonly tiers: readonly DeliveryTierInput[];
};

function checked(s: Unchecked): WarehouseSnapshot {
  const code = s.code.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/.test(code)) {
    throw invalid('DISPATCH.INVALID_CODE', 'a warehouse code has 1 to 32 letters, digits, - or _', { code: s.code });
  }
  const name = s.name.trim();
  if (name.length === 0 || name.length > 60) throw invalid('DISPATCH.INVALID_NAME', 'a warehouse name has 1 to 60 characters');
  const detail = s.address.detail.trim();
  if (detail.length === 0 || detail.length > 200) {
    throw invalid('DISPATCH.INVALID_ADDRESS', 'a warehouse address has a detail line of 1 to 200 characters');
  }
  const contact = { name: s.contact.name.trim(), phone: s.contact.phone.trim() };
  if (contact.name.length === 0 || contact.name.length > 30 || !/^[0-9+\-() ]{3,20}$/.test(contact.phone)) {
    throw invalid('DISPATCH.INVALID_CONTACT', 'a contact has a name of 1 to 30 characters and a phone number');
  }
  if (!WAREHOUSE_TYPES.includes(s.type)) throw invalid('DISPATCH.INVALID_TYPE', `not a warehouse type: ${String(s.type)}`);
  if (!WAREHOUSE_STATUSES.includes(s.status)) throw invalid('DISPATCH.INVALID_STATUS', `not a warehouse status: ${String(s.status)}`);
  if (!Number.isSafeInteger(s.priority) || s.priority < 0 || s.priority > MAX_WAREHOUSE_PRIORITY) {
    throw invalid('DISPATCH.INVALID_PRIORITY', `a warehouse priority is a whole number from 0 to ${MAX_WAREHOUSE_PRIORITY}`, {
      priority: s.priority,
    });
  }
  const address = { region: districtCode(s.address.region), detail };
  return { ...s, code, name, address, contact, tiers: checkedTiers(s.id, s.tiers) };
}

/**
 * One entry per tier, sorted; days are whole, from 0 to MAX_DELIVERY_DAYS and never shorter in a later
 * tier than in an earlier one (tier order is delivery-time order, DSP-1 "物流时效优先"); no two
 * regions of the warehouse overlap, in one tier or across tiers (`DISPATCH.OVERLAPPING_REGIONS`).
 */
function checkedTiers(warehouseId: string, input: readonly DeliveryTierInput[]): DeliveryTier[] {
  const tiers = input.map((t): DeliveryTier => {
    if (!(DELIVERY_TIERS as readonly number[]).includes(t.tier)) {
      throw invalid('DISPATCH.INVALID_TIER', 'a delivery tier is 1, 2 or 3', { tier: t.tier });
    }
    const days = t.estimatedDeliveryDays;
    if (!Number.isSafeInteger(days) || days < 0 || days > MAX_DELIVERY_DAYS) {
      throw invalid('DISPATCH.INVALID_DELIVERY_TIME', `estimated delivery days are a whole number from 0 to ${MAX_DELIVERY_DAYS}`, {
        tier: t.tier,
        estimatedDeliveryDays: days,
      });
    }
    return { tier: t.tier as TierNumber, regions: t.regions.map(regionCode), estimatedDeliveryDays: days };
  });
  tiers.sort((a, b) => a.tier - b.tier);
  for (let i = 1; i < tiers.length; i++) {
    const [before, after] = [tiers[i - 1]!, tiers[i]!];
    if (before.tier === after.tier) throw invalid('DISPATCH.INVALID_TIER', `tier ${after.tier} is given twice`, { tier: after.tier });
    if (after.estimatedDeliveryDays < before.estimatedDeliveryDays) {
      throw invalid('DISPATCH.INVALID_DELIVERY_TIME', `tier ${after.tier} cannot be faster than tier ${before.tier}`, {
        tiers: [before.tier, after.tier],
      });
    }
  }
  const all = tiers.flatMap((t) => t.regions.map((region) => ({ region, tier: t.tier })));
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const [a, b] = [all[i]!, all[j]!];
      if (regionsOverlap(a.region, b.region)) {
        throw invalid('DISPATCH.OVERLAPPING_REGIONS', `regions ${a.region} (tier ${a.tier}) and ${b.region} (tier ${b.tier}) overlap`, {
          warehouseId,
          regions: [a.region, b.region],
          tiers: [a.tier, b.tier],
        });
      }
    }
  }
  return tiers;
}

function invalid(code: string, message: string, details?: Record<string, unknown>): DomainError {
  return DomainError.invalid(code, message, details);
}
