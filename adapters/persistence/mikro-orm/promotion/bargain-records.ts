import { EntitySchema } from '@mikro-orm/core';
import type { BargainSnapshot, BargainStatus } from '../../../../domain/promotion/bargain.js';
import { Money } from '../../../../domain/shared/money.js';
import { MoneyType } from '../types/money-type.js';
import { requiredTimestamp } from '../records/timestamp.js';

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;

// ---- bargain ----

/** One row of `bargain`: a member's bargain; its helps (at most 100) as jsonb, in helping order. */
export class BargainRecord {
  id!: string;
  activityId!: string;
  activityVersion!: number;
  memberId!: string;
  skuId!: string;
  originalPrice!: Money;
  floorPrice!: Money;
  maxHelpers!: number;
  seed!: string;
  helps!: { helperId: string; cut: string; at: string }[];
  status!: BargainStatus;
  startedAt!: Date;
  deadline!: Date;
  version!: number;
}

export const BargainSchema = new EntitySchema<BargainRecord>({
  class: BargainRecord,
  tableName: 'bargain',
  properties: {
    id: { type: 'text', primary: true },
    activityId: { type: 'text' },
    activityVersion: { type: 'integer' },
    memberId: { type: 'text' },
    skuId: { type: 'text' },
    originalPrice: { type: MoneyType },
    floorPrice: { type: MoneyType },
    maxHelpers: { type: 'integer' },
    seed: { type: 'text' },
    helps: { type: 'json' },
    status: { type: 'text' },
    startedAt: { ...timestamptz },
    deadline: { ...timestamptz },
    version: { type: 'integer' },
  },
  uniques: [{ name: 'bargain_member_unique', properties: ['activityId', 'memberId'] }],
  checks: [
    { name: 'bargain_prices_check', expression: 'floor_price >= 0 and floor_price < original_price' },
    { name: 'bargain_status_check', expression: `status in ('open', 'complete')` },
    { name: 'bargain_version_check', expression: 'version >= 0' },
  ],
});

export function bargainRecord(s: BargainSnapshot, version: number): BargainRecord {
  return {
    id: s.id,
    activityId: s.activityId,
    activityVersion: s.activityVersion,
    memberId: s.memberId,
    skuId: s.skuId,
    originalPrice: s.originalPrice,
    floorPrice: s.floorPrice,
    maxHelpers: s.maxHelpers,
    seed: s.seed,
    helps: s.helps.map((h) => ({ helperId: h.helperId, cut: h.cut.toString(), at: h.at.toISOString() })),
    status: s.status,
    startedAt: s.startedAt,
    deadline: s.deadline,
    version,
  };
}

export interface BargainRow {
  id: string;
  activity_id: string;
  activity_version: number;
  member_id: string;
  sku_id: string;
  original_price: string;
  floor_price: string;
  max_helpers: number;
  seed: string;
  helps: { helperId: string; cut: string; at: string }[];
  status: BargainStatus;
  started_at: string;
  deadline: string;
  version: number;
}

export function bargainFromRow(r: BargainRow): BargainSnapshot {
  return {
    id: r.id,
    activityId: r.activity_id,
    activityVersion: r.activity_version,
    memberId: r.member_id,
    skuId: r.sku_id,
    originalPrice: Money.of(r.original_price),
    floorPrice: Money.of(r.floor_price),
    maxHelpers: r.max_helpers,
    seed: r.seed,
    helps: r.helps.map((h) => ({ helperId: h.helperId, cut: Money.of(h.cut), at: requiredTimestamp(h.at) })),
    status: r.status,
    startedAt: requiredTimestamp(r.started_at),
    deadline: requiredTimestamp(r.deadline),
    version: r.version,
  };
}
