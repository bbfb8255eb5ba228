import { EntitySchema } from '@mikro-orm/core';
import type { RegionCode } from '../../../../domain/dispatch/region.js';
import type { DeliveryTier, WarehouseSnapshot, WarehouseStatus, WarehouseType } from '../../../../domain/dispatch/warehouse.js';
import { cacheEpochTrigger } from '../read-caches.js';

/** One row of `warehouse`: the Warehouse aggregate; its delivery tiers (with their regions) as jsonb. */
export class WarehouseRecord {
  id!: string;
  code!: string;
  name!: string;
  addressRegion!: string;
  addressDetail!: string;
  contactName!: string;
  contactPhone!: string;
  type!: WarehouseType;
  priority!: number;
  status!: WarehouseStatus;
  tiers!: DeliveryTier[];
  version!: number;
}

export const WarehouseSchema = new EntitySchema<WarehouseRecord>({
  class: WarehouseRecord,
  tableName: 'warehouse',
  // Decision 0030: every statement writing it gives the dispatch read cache a new epoch.
  triggers: [cacheEpochTrigger('dispatch', 'warehouse')],
  properties: {
    id: { type: 'text', primary: true },
    // "C" collation: codes sort and compare by code point, the same order as the memory adapter.
    code: { type: 'text', collation: 'C' },
    name: { type: 'text' },
    addressRegion: { type: 'text' },
    addressDetail: { type: 'text' },
    contactName: { type: 'text' },
    contactPhone: { type: 'text' },
    type: { type: 'text' },
    priority: { type: 'integer' },
    status: { type: 'text' },
    tiers: { type: 'json' },
    version: { type: 'integer' },
  },
  uniques: [{ name: 'warehouse_code_unique', properties: ['code'] }],
  checks: [
    { name: 'warehouse_type_check', expression: `type in ('self_run_central', 'self_run_regional', 'supplier')` },
    { name: 'warehouse_status_check', expression: `status in ('active', 'inactive')` },
    { name: 'warehouse_priority_check', expression: 'priority >= 0 and priority <= 9999' },
    { name: 'warehouse_version_check', expression: 'version >= 0' },
  ],
});

/** The row to write for a snapshot, at its next version. */
export function warehouseRecord(s: WarehouseSnapshot, version: number): WarehouseRecord {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    addressRegion: s.address.region,
    addressDetail: s.address.detail,
    contactName: s.contact.name,
    contactPhone: s.contact.phone,
    type: s.type,
    priority: s.priority,
    status: s.status,
    tiers: s.tiers.map((t) => ({ tier: t.tier, regions: [...t.regions], estimatedDeliveryDays: t.estimatedDeliveryDays })),
    version,
  };
}

/** A `warehouse` row as native SQL returns it. */
export interface WarehouseRow {
  id: string;
  code: string;
  name: string;
  address_region: string;
  address_detail: string;
  contact_name: string;
  contact_phone: string;
  type: WarehouseType;
  priority: number;
  status: WarehouseStatus;
  tiers: DeliveryTier[];
  version: number;
}

export function warehouseFromRow(r: WarehouseRow): WarehouseSnapshot {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    address: { region: r.address_region as RegionCode, detail: r.address_detail },
    contact: { name: r.contact_name, phone: r.contact_phone },
    type: r.type,
    priority: r.priority,
    status: r.status,
    // jsonb keeps no key order: rebuild each tier in the domain's field order.
    tiers: r.tiers.map((t) => ({ tier: t.tier, regions: t.regions, estimatedDeliveryDays: t.estimatedDeliveryDays })),
    version: r.version,
  };
}
