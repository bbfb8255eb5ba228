import { EntitySchema } from '@mikro-orm/core';
import type { CouponTemplateSnapshot } from '../../../../domain/coupon/coupon-template.js';
import { DEFAULT_CURRENCY, Money } from '../../../../domain/shared/money.js';
import { toDec } from '../../../../domain/shared/decimal.js';
import { MoneyType } from '../types/money-type.js';
import { requiredTimestamp } from '../records/timestamp.js';

/** The `owned_coupon` row (a member's coupon): its own file. */
export * from './owned-coupon-records.js';

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;
const money = { type: MoneyType, nullable: true } as const;

/**
 * One row of `coupon_template`: the definition (versioned) and `issued`, the count of coupons handed
 * out, which only the guarded claim statement moves (never the versioned save).
 */
export class CouponTemplateRecord {
  id!: string;
  name!: string;
  kind!: string;
  issuerShopId!: string | null;
  scope!: unknown;
  amount!: Money | null;
  threshold!: Money | null;
  percentOff!: string | null;
  cap!: Money | null;
  randomMin!: Money | null;
  randomMax!: Money | null;
  validityKind!: string;
  validFrom!: Date | null;
  validUntil!: Date | null;
  validDays!: number | null;
  claimStartsAt!: Date;
  claimEndsAt!: Date;
  totalQuantity!: number;
  perMemberLimit!: number;
  issued!: number;
  visibility!: string;
  audience!: string;
  channels!: unknown;
  stacking!: string;
  priority!: number;
  status!: string;
  createdAt!: Date;
  version!: number;
}

export const CouponTemplateSchema = new EntitySchema<CouponTemplateRecord>({
  class: CouponTemplateRecord,
  tableName: 'coupon_template',
  properties: {
    id: { type: 'text', primary: true },
    name: { type: 'text' },
    kind: { type: 'text' },
    issuerShopId: { type: 'text', nullable: true },
    scope: { type: 'json' },
    amount: money,
    threshold: money,
    percentOff: { type: 'decimal', precision: 5, scale: 2, nullable: true },
    cap: money,
    randomMin: money,
    randomMax: money,
    validityKind: { type: 'text' },
    validFrom: { ...timestamptz, nullable: true },
    validUntil: { ...timestamptz, nullable: true },
    validDays: { type: 'integer', nullable: true },
    claimStartsAt: timestamptz,
    claimEndsAt: timestamptz,
    totalQuantity: { type: 'integer' },
    perMemberLimit: { type: 'integer' },
    issued: { type: 'integer', default: 0 },
    visibility: { type: 'text' },
    audience: { type: 'text' },
    channels: { type: 'json' },
    stacking: { type: 'text' },
    priority: { type: 'integer' },
    status: { type: 'text' },
    createdAt: timestamptz,
    version: { type: 'integer' },
  },
  checks: [
    // The last line of defence behind the guarded claim statement: never more handed out than exist.
    { name: 'coupon_template_issued_check', expression: 'issued >= 0 and issued <= total_quantity' },
    { name: 'coupon_template_limits_check', expression: 'total_quantity >= 1 and per_member_limit >= 1' },
    { name: 'coupon_template_kind_check', expression: `kind in ('cash', 'threshold', 'discount', 'random', 'shipping')` },
    { name: 'coupon_template_status_check', expression: `status in ('active', 'stopped')` },
    { name: 'coupon_template_visibility_check', expression: `visibility in ('public', 'hidden')` },
    { name: 'coupon_template_audience_check', expression: `audience in ('all', 'new_customers')` },
    {
      name: 'coupon_template_validity_check',
      expression: `(validity_kind = 'fixed' and valid_from < valid_until) or (validity_kind = 'relative' and valid_days >= 1)`,
    },
    { name: 'coupon_template_claim_window_check', expression: 'claim_starts_at < claim_ends_at' },
    { name: 'coupon_template_version_check', expression: 'version >= 0' },
  ],
});

/** One row of `coupon_member_claim`: how many coupons of a template one member was handed, under its limit. */
export class CouponMemberClaimRecord {
  templateId!: string;
  memberId!: string;
  claimed!: number;
  claimLimit!: number;
}

export const CouponMemberClaimSchema = new EntitySchema<CouponMemberClaimRecord>({
  class: CouponMemberClaimRecord,
  tableName: 'coupon_member_claim',
  properties: {
    templateId: { type: 'text', primary: true },
    memberId: { type: 'text', primary: true },
    claimed: { type: 'integer' },
    claimLimit: { type: 'integer' },
  },
  // The last line of defence behind the guarded claim statement: a member never holds more than the limit.
  checks: [{ name: 'coupon_member_claim_limit_check', expression: 'claimed >= 0 and claimed <= claim_limit' }],
});

/** A `coupon_template` row as native SQL returns it (numeric and timestamps as text). */
export interface CouponTemplateRow {
  id: string;
  name: string;
  kind: CouponTemplateSnapshot['kind'];
  issuer_shop_id: string | null;
  scope: CouponTemplateSnapshot['scope'];
  amount: string | null;
  threshold: string | null;
  percent_off: string | null;
  cap: string | null;
  random_min: string | null;
  random_max: string | null;
  validity_kind: 'fixed' | 'relative';
  valid_from: string | null;
  valid_until: string | null;
  valid_days: number | null;
  claim_starts_at: string;
  claim_ends_at: string;
  total_quantity: number;
  per_member_limit: number;
  issued: number;
  visibility: CouponTemplateSnapshot['visibility'];
  audience: CouponTemplateSnapshot['audience'];
  channels: CouponTemplateSnapshot['channels'];
  stacking: CouponTemplateSnapshot['stacking'];
  priority: number;
  status: CouponTemplateSnapshot['status'];
  created_at: string;
  version: number;
}

const moneyOf = (text: string | null): Money | null => (text === null ? null : Money.of(text, DEFAULT_CURRENCY));
const text = (m: Money | null): string | null => (m === null ? null : m.toString());

export function couponTemplateFromRow(r: CouponTemplateRow): CouponTemplateSnapshot {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    issuer: r.issuer_shop_id === null ? { kind: 'platform' } : { kind: 'shop', shopId: r.issuer_shop_id },
    // jsonb keeps no key order: rebuild the scope in the domain's field order.
    scope: 'ids' in r.scope ? { kind: r.scope.kind, ids: r.scope.ids } : { kind: r.scope.kind },
    amount: moneyOf(r.amount),
    threshold: moneyOf(r.threshold),
    percentOff: r.percent_off === null ? null : toDec(r.percent_off).toString(),
    cap: moneyOf(r.cap),
    randomRange: r.random_min === null || r.random_max === null ? null : { min: moneyOf(r.random_min)!, max: moneyOf(r.random_max)! },
    validity:
      r.validity_kind === 'fixed'
        ? { kind: 'fixed', from: requiredTimestamp(r.valid_from!), until: requiredTimestamp(r.valid_until!) }
        : { kind: 'relative', days: r.valid_days! },
    claimWindow: { startsAt: requiredTimestamp(r.claim_starts_at), endsAt: requiredTimestamp(r.claim_ends_at) },
    totalQuantity: r.total_quantity,
    perMemberLimit: r.per_member_limit,
    visibility: r.visibility,
    audience: r.audience,
    channels: r.channels,
    stacking: r.stacking,
    priority: r.priority,
    status: r.status,
    createdAt: requiredTimestamp(r.created_at),
    version: r.version,
  };
}

/** The column values of a template's definition, in `TEMPLATE_COLUMNS` order (native parameters). */
export function couponTemplateParams(s: CouponTemplateSnapshot): unknown[] {
  const fixed = s.validity.kind === 'fixed' ? s.validity : null;
  return [
    s.id,
    s.name,
    s.kind,
    s.issuer.kind === 'shop' ? s.issuer.shopId : null,
    JSON.stringify(s.scope),
    text(s.amount),
    text(s.threshold),
    s.percentOff,
    text(s.cap),
    text(s.randomRange?.min ?? null),
    text(s.randomRange?.max ?? null),
    s.validity.kind,
    fixed?.from ?? null,
    fixed?.until ?? null,
    s.validity.kind === 'relative' ? s.validity.days : null,
    s.claimWindow.startsAt,
    s.claimWindow.endsAt,
    s.totalQuantity,
    s.perMemberLimit,
    s.visibility,
    s.audience,
    JSON.stringify(s.channels),
    s.stacking,
    s.priority,
    s.status,
    s.createdAt,
  ];
}

/** Every definition column of `coupon_template` (not `issued`, not `version`). */
export const TEMPLATE_COLUMNS = [
  'id',
  'name',
  'kind',
  'issuer_shop_id',
  'scope',
  'amount',
  'threshold',
  'percent_off',
  'cap',
  'random_min',
  'random_max',
  'validity_kind',
  'valid_from',
  'valid_until',
  'valid_days',
  'claim_starts_at',
  'claim_ends_at',
  'total_quantity',
  'per_member_limit',
  'visibility',
  'audience',
  'channels',
  'stacking',
  'priority',
  'status',
  'created_at',
] as const;
