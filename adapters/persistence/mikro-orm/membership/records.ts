import { EntitySchema } from '@mikro-orm/core';

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;
const money = { type: 'decimal', precision: 20, scale: 2 } as const;

/** `member`: a member's profile (versioned); the level is also moved by growth (see MikroOrmMembers.setLevel). */
export class MemberRecord {
  id!: string;
  registeredAt!: Date;
  phone!: string | null;
  gender!: string;
  level!: number;
  addresses!: unknown;
  paidCard!: unknown;
  version!: number;
}
export const MemberSchema = new EntitySchema<MemberRecord>({
  class: MemberRecord,
  tableName: 'member',
  properties: {
    id: { type: 'text', primary: true },
    registeredAt: timestamptz,
    phone: { type: 'text', nullable: true },
    gender: { type: 'text' },
    level: { type: 'integer' },
    addresses: { type: 'json' },
    paidCard: { type: 'json', nullable: true },
    version: { type: 'integer' },
  },
  checks: [
    { name: 'member_level_check', expression: 'level >= 1' },
    { name: 'member_gender_check', expression: `gender in ('male', 'female', 'unknown')` },
  ],
});

/** A balance moved only by the guarded ledger statement; the CHECK stands behind the guard. */
function accountSchema(name: 'growth_account' | 'points_account') {
  class AccountRecord {
    memberId!: string;
    balance!: number;
  }
  Object.defineProperty(AccountRecord, 'name', { value: name === 'growth_account' ? 'GrowthAccountRecord' : 'PointsAccountRecord' });
  return new EntitySchema<AccountRecord>({
    class: AccountRecord,
    tableName: name,
    properties: { memberId: { type: 'text', primary: true }, balance: { type: 'integer' } },
    checks: [{ name: `${name}_balance_check`, expression: 'balance >= 0' }],
  });
}
export const GrowthAccountSchema = accountSchema('growth_account');
export const PointsAccountSchema = accountSchema('points_account');

/** A ledger line; (member, source, reference) is the idempotency key. */
function entrySchema(name: 'growth_entry' | 'points_entry') {
  class EntryRecord {
    id!: string;
    memberId!: string;
    source!: string;
    reference!: string;
    delta!: number;
    at!: Date;
    expiresAt!: Date | null;
    detail!: unknown;
  }
  Object.defineProperty(EntryRecord, 'name', { value: name === 'growth_entry' ? 'GrowthEntryRecord' : 'PointsEntryRecord' });
  return new EntitySchema<EntryRecord>({
    class: EntryRecord,
    tableName: name,
    properties: {
      id: { type: 'text', primary: true },
      memberId: { type: 'text' },
      source: { type: 'text' },
      reference: { type: 'text' },
      delta: { type: 'integer' },
      at: timestamptz,
      expiresAt: { ...timestamptz, nullable: true },
      detail: { type: 'json' },
    },
    uniques: [{ name: `${name}_key_unique`, properties: ['memberId', 'source', 'reference'] }],
  });
}
export const GrowthEntrySchema = entrySchema('growth_entry');
export const PointsEntrySchema = entrySchema('points_entry');

export class MemberLevelChangeRecord {
  id!: string;
  memberId!: string;
  scope!: string;
  fromLevel!: number;
  toLevel!: number;
  reason!: string;
  at!: Date;
}
export const MemberLevelChangeSchema = new EntitySchema<MemberLevelChangeRecord>({
  class: MemberLevelChangeRecord,
  tableName: 'member_level_change',
  properties: {
    id: { type: 'text', primary: true },
    memberId: { type: 'text' },
    scope: { type: 'text' },
    fromLevel: { type: 'integer' },
    toLevel: { type: 'integer' },
    reason: { type: 'text' },
    at: timestamptz,
  },
  indexes: [{ name: 'member_level_change_member_index', properties: ['memberId'] }],
});

export class MemberAuditRecord {
  id!: string;
  memberId!: string;
  action!: string;
  operator!: string;
  reason!: string;
  detail!: unknown;
  at!: Date;
}
export const MemberAuditSchema = new EntitySchema<MemberAuditRecord>({
  class: MemberAuditRecord,
  tableName: 'member_audit',
  properties: {
    id: { type: 'text', primary: true },
    memberId: { type: 'text' },
    action: { type: 'text' },
    operator: { type: 'text' },
    reason: { type: 'text' },
    detail: { type: 'json' },
    at: timestamptz,
  },
  indexes: [{ name: 'member_audit_member_index', properties: ['memberId'] }],
});

export class ShopMembershipRecord {
  shopId!: string;
  memberId!: string;
  level!: number;
  joinedAt!: Date;
}
export const ShopMembershipSchema = new EntitySchema<ShopMembershipRecord>({
  class: ShopMembershipRecord,
  tableName: 'shop_membership',
  properties: {
    shopId: { type: 'text', primary: true },
    memberId: { type: 'text', primary: true },
    level: { type: 'integer' },
    joinedAt: timestamptz,
  },
  indexes: [{ name: 'shop_membership_member_index', properties: ['memberId'] }],
});

export class MembershipSettingRecord {
  key!: string;
  value!: unknown;
  version!: number;
}
export const MembershipSettingSchema = new EntitySchema<MembershipSettingRecord>({
  class: MembershipSettingRecord,
  tableName: 'membership_setting',
  properties: { key: { type: 'text', primary: true }, value: { type: 'json' }, version: { type: 'integer' } },
});

/** Membership's projection of paid orders (written on orders' events); RFM reads it. */
export class MemberOrderFactRecord {
  orderId!: string;
  memberId!: string;
  paidAt!: Date;
  amount!: string;
  refunded!: string;
}
export const MemberOrderFactSchema = new EntitySchema<MemberOrderFactRecord>({
  class: MemberOrderFactRecord,
  tableName: 'member_order_fact',
  properties: {
    orderId: { type: 'text', primary: true },
    memberId: { type: 'text' },
    paidAt: timestamptz,
    amount: money,
    refunded: money,
  },
  indexes: [{ name: 'member_order_fact_member_paid_index', properties: ['memberId', 'paidAt'] }],
  checks: [{ name: 'member_order_fact_refunded_check', expression: 'refunded >= 0 and refunded <= amount' }],
});

export class MemberOrderRefundRecord {
  refundId!: string;
  orderId!: string;
  amount!: string;
}
export const MemberOrderRefundSchema = new EntitySchema<MemberOrderRefundRecord>({
  class: MemberOrderRefundRecord,
  tableName: 'member_order_refund',
  properties: { refundId: { type: 'text', primary: true }, orderId: { type: 'text' }, amount: money },
});

export class RfmRunRecord {
  id!: string;
  asOf!: Date;
  config!: unknown;
  members!: number;
  wakeUps!: number;
  downgrades!: number;
  at!: Date;
}
export const RfmRunSchema = new EntitySchema<RfmRunRecord>({
  class: RfmRunRecord,
  tableName: 'rfm_run',
  properties: {
    id: { type: 'text', primary: true },
    asOf: timestamptz,
    config: { type: 'json' },
    members: { type: 'integer' },
    wakeUps: { type: 'integer' },
    downgrades: { type: 'integer' },
    at: timestamptz,
  },
});

export class RfmScoreRecord {
  runId!: string;
  memberId!: string;
  recencyDays!: number;
  frequency!: number;
  monetary!: string;
  r!: number;
  f!: number;
  m!: number;
  segment!: string;
}
export const RfmScoreSchema = new EntitySchema<RfmScoreRecord>({
  class: RfmScoreRecord,
  tableName: 'rfm_score',
  properties: {
    runId: { type: 'text', primary: true },
    memberId: { type: 'text', primary: true },
    recencyDays: { type: 'integer' },
    frequency: { type: 'integer' },
    monetary: money,
    r: { type: 'smallint' },
    f: { type: 'smallint' },
    m: { type: 'smallint' },
    segment: { type: 'text' },
  },
  indexes: [{ name: 'rfm_score_run_segment_index', properties: ['runId', 'segment'] }],
});

export const membershipSchemas = [
  MemberSchema,
  GrowthAccountSchema,
  PointsAccountSchema,
  GrowthEntrySchema,
  PointsEntrySchema,
  MemberLevelChangeSchema,
  MemberAuditSchema,
  ShopMembershipSchema,
  MembershipSettingSchema,
  MemberOrderFactSchema,
  MemberOrderRefundSchema,
  RfmRunSchema,
  RfmScoreSchema,
];
