import { EntitySchema } from '@mikro-orm/core';
import type { ActivitySnapshot } from '../../../../domain/promotion/activity.js';
import type { ActivityDefinition, PromotionKind, PromotionRule } from '../../../../domain/promotion/definition.js';
import type { ActivityVersion } from '../../../../domain/promotion/review.js';
import { Money } from '../../../../domain/shared/money.js';
import { requiredTimestamp, timestamp } from '../records/timestamp.js';
import { cacheEpochTrigger } from '../read-caches.js';

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;
const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/**
 * One row of `activity`: the Activity aggregate (PRM-2). Its versions (each a whole definition, with its
 * review record) are one jsonb list: a few per activity, always read and written together.
 */
export class ActivityRecord {
  id!: string;
  code!: string;
  kind!: PromotionKind;
  versions!: VersionJson[];
  liveVersion!: number | null;
  voidedAt!: Date | null;
  voidReason!: string | null;
  createdAt!: Date;
  version!: number;
}

export const ActivitySchema = new EntitySchema<ActivityRecord>({
  class: ActivityRecord,
  tableName: 'activity',
  // Decision 0030: every statement writing it gives the promotion read cache a new epoch.
  triggers: [cacheEpochTrigger('promotion', 'activity')],
  properties: {
    id: { type: 'text', primary: true },
    // "C" collation: codes compare by code point, as in the memory adapter.
    code: { type: 'text', collation: 'C' },
    kind: { type: 'text' },
    versions: { type: 'json' },
    liveVersion: { type: 'integer', nullable: true },
    voidedAt: { ...timestamptz, nullable: true },
    voidReason: { type: 'text', nullable: true },
    createdAt: { ...timestamptz },
    version: { type: 'integer' },
  },
  uniques: [{ name: 'activity_code_unique', properties: ['code'] }],
  indexes: [{ name: 'activity_live_index', properties: ['liveVersion'], where: 'live_version is not null and voided_at is null' }],
  checks: [
    {
      name: 'activity_kind_check',
      expression: `kind in ('single_item', 'flash_sale', 'group_buy', 'full_reduction', 'full_discount', 'multi_buy', 'bundle', 'add_on', 'gift', 'bargain', 'deposit_presale')`,
    },
    { name: 'activity_version_check', expression: 'version >= 0' },
  ],
});

/** A version as stored in jsonb: dates as ISO strings, the budget as its decimal string. */
interface VersionJson {
  number: number;
  status: ActivityVersion['status'];
  definition: Omit<ActivityDefinition, 'startsAt' | 'endsAt' | 'budget'> & { startsAt: string; endsAt: string; budget: string | null };
  createdAt: string;
  /** These three since Migration20261122150000_activity_four_eyes, which fills them on older rows. */
  authors: string[];
  submittedAt: string | null;
  submittedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  rejectionReason: string | null;
}

function versionJson(v: ActivityVersion): VersionJson {
  const d = v.definition;
  return {
    number: v.number,
    status: v.status,
    definition: {
      name: d.name,
      rule: d.rule,
      startsAt: d.startsAt.toISOString(),
      endsAt: d.endsAt.toISOString(),
      channels: d.channels,
      audience: d.audience,
      scope: d.scope,
      shopId: d.shopId,
      perMemberLimit: d.perMemberLimit,
      limitPeriod: d.limitPeriod,
      budget: d.budget?.toString() ?? null,
      stacking: d.stacking,
      priority: d.priority,
      groupBuy: d.groupBuy,
      stockPool: d.stockPool,
    },
    createdAt: v.createdAt.toISOString(),
    authors: [...v.authors],
    submittedAt: iso(v.submittedAt),
    submittedBy: v.submittedBy,
    reviewedAt: iso(v.reviewedAt),
    reviewedBy: v.reviewedBy,
    approvedAt: iso(v.approvedAt),
    approvedBy: v.approvedBy,
    rejectionReason: v.rejectionReason,
  };
}

function versionFromJson(j: VersionJson): ActivityVersion {
  const d = j.definition;
  // jsonb keeps no key order: rebuild each object in the domain's field order.
  const definition: ActivityDefinition = {
    name: d.name,
    rule: ruleFromJson(d.rule),
    startsAt: requiredTimestamp(d.startsAt),
    endsAt: requiredTimestamp(d.endsAt),
    channels: d.channels,
    audience: d.audience,
    scope: d.scope,
    shopId: d.shopId,
    perMemberLimit: d.perMemberLimit,
    // Stored before limit periods existed: the limit counted over the whole activity.
    limitPeriod: d.limitPeriod ?? 'activity',
    budget: d.budget === null ? null : Money.of(d.budget),
    stacking: d.stacking,
    priority: d.priority,
    groupBuy: d.groupBuy,
    stockPool: d.stockPool,
  };
  return {
    // `?? …`: a version written by a process older than the four-eyes migration (a rolling start) has no authors and no approver.
    number: j.number,
    status: j.status,
    definition,
    createdAt: requiredTimestamp(j.createdAt),
    authors: j.authors ?? [],
    submittedAt: timestamp(j.submittedAt),
    submittedBy: j.submittedBy,
    reviewedAt: timestamp(j.reviewedAt),
    reviewedBy: j.reviewedBy,
    approvedAt: timestamp(j.approvedAt ?? null),
    approvedBy: j.approvedBy ?? null,
    rejectionReason: j.rejectionReason,
  };
}

/** jsonb gives a presale's window dates back as ISO strings: the rule gets its Dates again. */
function ruleFromJson(rule: PromotionRule): PromotionRule {
  if (rule.kind !== 'deposit_presale') return rule;
  const w = (x: { startsAt: Date | string; endsAt: Date | string }) => ({
    startsAt: requiredTimestamp(x.startsAt as string),
    endsAt: requiredTimestamp(x.endsAt as string),
  });
  return { kind: rule.kind, items: rule.items, leverage: rule.leverage, depositWindow: w(rule.depositWindow), balanceWindow: w(rule.balanceWindow) };
}

export function activityRecord(s: ActivitySnapshot, version: number): ActivityRecord {
  return {
    id: s.id,
    code: s.code,
    kind: s.kind,
    versions: s.versions.map(versionJson),
    liveVersion: s.liveVersion,
    voidedAt: s.voidedAt,
    voidReason: s.voidReason,
    createdAt: s.createdAt,
    version,
  };
}

export interface ActivityRow {
  id: string;
  code: string;
  kind: PromotionKind;
  versions: VersionJson[];
  live_version: number | null;
  voided_at: string | null;
  void_reason: string | null;
  created_at: string;
  version: number;
}

export function activityFromRow(r: ActivityRow): ActivitySnapshot {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    versions: r.versions.map(versionFromJson),
    liveVersion: r.live_version,
    voidedAt: timestamp(r.voided_at),
    voidReason: r.void_reason,
    createdAt: requiredTimestamp(r.created_at),
    version: r.version,
  };
}
