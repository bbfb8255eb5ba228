import { EntitySchema } from '@mikro-orm/core';
import type { CouponState, OwnedCouponSnapshot } from '../../../../domain/coupon/owned-coupon.js';
import { DEFAULT_CURRENCY, Money } from '../../../../domain/shared/money.js';
import { MoneyType } from '../types/money-type.js';
import { requiredTimestamp } from '../records/timestamp.js';

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;
const money = { type: MoneyType, nullable: true } as const;
const moneyOf = (text: string | null): Money | null => (text === null ? null : Money.of(text, DEFAULT_CURRENCY));
const text = (m: Money | null): string | null => (m === null ? null : m.toString());

/** One row of `owned_coupon`: a member's coupon (versioned); `handled` lists the order actions applied. */
export class OwnedCouponRecord {
  id!: string;
  templateId!: string;
  memberId!: string;
  source!: string;
  claimedAt!: Date;
  validFrom!: Date;
  validUntil!: Date;
  amount!: Money | null;
  state!: string;
  orderId!: string | null;
  handled!: unknown;
  updatedAt!: Date;
  version!: number;
}

export const OwnedCouponSchema = new EntitySchema<OwnedCouponRecord>({
  class: OwnedCouponRecord,
  tableName: 'owned_coupon',
  properties: {
    id: { type: 'text', primary: true },
    templateId: { type: 'text' },
    memberId: { type: 'text' },
    source: { type: 'text' },
    claimedAt: timestamptz,
    validFrom: timestamptz,
    validUntil: timestamptz,
    amount: money,
    state: { type: 'text' },
    orderId: { type: 'text', nullable: true },
    handled: { type: 'json' },
    updatedAt: timestamptz,
    version: { type: 'integer' },
  },
  indexes: [
    { name: 'owned_coupon_member_index', properties: ['memberId'] },
    { name: 'owned_coupon_template_state_index', properties: ['templateId', 'state'] },
    { name: 'owned_coupon_expiry_index', properties: ['state', 'validUntil'] },
  ],
  checks: [
    { name: 'owned_coupon_state_check', expression: `state in ('available', 'locked', 'used', 'returned', 'expired')` },
    { name: 'owned_coupon_source_check', expression: `source in ('claim', 'issue')` },
    { name: 'owned_coupon_validity_check', expression: 'valid_from < valid_until' },
    { name: 'owned_coupon_version_check', expression: 'version >= 1' },
  ],
});

/** An `owned_coupon` row as native SQL returns it. */
export interface OwnedCouponRow {
  id: string;
  template_id: string;
  member_id: string;
  source: OwnedCouponSnapshot['source'];
  claimed_at: string;
  valid_from: string;
  valid_until: string;
  amount: string | null;
  state: CouponState;
  order_id: string | null;
  handled: string[];
  updated_at: string;
  version: number;
}

export function ownedCouponFromRow(r: OwnedCouponRow): OwnedCouponSnapshot {
  return {
    id: r.id,
    templateId: r.template_id,
    memberId: r.member_id,
    source: r.source,
    claimedAt: requiredTimestamp(r.claimed_at),
    validFrom: requiredTimestamp(r.valid_from),
    validUntil: requiredTimestamp(r.valid_until),
    amount: moneyOf(r.amount),
    state: r.state,
    orderId: r.order_id,
    handled: r.handled,
    updatedAt: requiredTimestamp(r.updated_at),
    version: r.version,
  };
}

/** The columns of an owned coupon in `OWNED_COLUMNS` order (without `version`). */
export function ownedCouponParams(s: OwnedCouponSnapshot): unknown[] {
  return [
    s.id,
    s.templateId,
    s.memberId,
    s.source,
    s.claimedAt,
    s.validFrom,
    s.validUntil,
    text(s.amount),
    s.state,
    s.orderId,
    JSON.stringify(s.handled),
    s.updatedAt,
  ];
}

export const OWNED_COLUMNS = [
  'id',
  'template_id',
  'member_id',
  'source',
  'claimed_at',
  'valid_from',
  'valid_until',
  'amount',
  'state',
  'order_id',
  'handled',
  'updated_at',
] as const;
