import { z } from 'zod';
import type {
  AdjustGrowth,
  AdjustPoints,
  GetMember,
  GetMemberHistory,
  GetMembershipRules,
  MemberRfm,
  ProposeLevelThresholds,
  RegisterMember,
  RfmSegmentCounts,
  RunRfm,
  SetMemberLevel,
  SetMembershipRules,
  SignIn,
  SpendPoints,
} from '../../../../application/membership/index.js';
import { GROWTH_SOURCES } from '../../../../domain/membership/growth.js';
import { GENDERS } from '../../../../domain/membership/member.js';
import { POINTS_SOURCES } from '../../../../domain/membership/points.js';
import { SEGMENTS, type Segment } from '../../../../domain/membership/rfm.js';
import { component, count, decimal, int, jsonObject, money, timestamp, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/** Membership's answers (spec §12, docs/contexts/membership.md): profiles, ledgers, rule tables, RFM. */

const address = component(
  'MemberAddress',
  wireObject({ id: wireId, recipient: z.string(), phone: z.string(), region: z.string(), detail: z.string(), isDefault: z.boolean() }),
);
const paidCard = wireObject({ plan: z.string(), startsAt: timestamp, endsAt: timestamp });

const profile = {
  id: wireId,
  registeredAt: timestamp,
  phone: z.string().nullable(),
  gender: z.enum(GENDERS),
  /** Platform level: 1 = VIP1 … */
  level: int.min(1),
  addresses: z.array(address),
  paidCard: paidCard.nullable(),
  version: count,
};
/** What registering, changing the profile and the address routes answer. */
export const memberProfile = component('MemberProfile', wireObject(profile));

const shopMembership = wireObject({ shopId: wireId, memberId: wireId, level: int.min(1), joinedAt: timestamp });
/** The profile with the growth and points balances, whether the paid card is active now, and the shop memberships. */
export const memberView = component(
  'MemberView',
  wireObject({ ...profile, growth: count, points: count, paidCardActive: z.boolean(), shops: z.array(shopMembership) }),
);

const ledgerEntry = <S extends readonly [string, ...string[]]>(sources: S) =>
  wireObject({
    id: wireId,
    memberId: wireId,
    source: z.enum(sources),
    reference: z.string(),
    delta: int,
    at: timestamp,
    expiresAt: timestamp.nullable(),
    detail: jsonObject,
  });
const growthEntry = component('GrowthLedgerEntry', ledgerEntry(GROWTH_SOURCES));
const pointsEntry = component('PointsLedgerEntry', ledgerEntry(POINTS_SOURCES));

/** A ledger change as applied (or replayed: the first application's entry), with the balance after it. */
export const growthChange = component('GrowthChange', wireObject({ entry: growthEntry, replayed: z.boolean(), balance: count }));
export const pointsChange = component('PointsChange', wireObject({ entry: pointsEntry, replayed: z.boolean(), balance: count }));

const levelChange = wireObject({ id: wireId, memberId: wireId, scope: z.string(), fromLevel: int, toLevel: int, reason: z.string(), at: timestamp });
const audit = wireObject({ id: wireId, memberId: wireId, action: z.string(), operator: z.string(), reason: z.string(), detail: jsonObject, at: timestamp });
export const memberHistory = component(
  'MemberHistory',
  wireObject({ growth: z.array(growthEntry), points: z.array(pointsEntry), levels: z.array(levelChange), audits: z.array(audit) }),
);

/** 签到: today's sign-in points and streak (a second sign-in the same day answers the first one's, `replayed: true`) and the balance. */
export const signInResult = component('SignInResult', wireObject({ points: int, streak: int.min(1), balance: count, replayed: z.boolean() }));

const growthRules = component(
  'GrowthRules',
  wireObject({ dailyLogin: count, orderFactor: decimal, review: count, showOrder: count, showOrderFirst: count, qualifyingPrice: money }),
);
const pointsRules = component(
  'PointsRules',
  wireObject({
    signIn: count,
    streakEvery: int.min(1),
    streakBonus: count,
    perYuan: count,
    review: count,
    showOrder: count,
    share: count,
    topUpPerYuan: count,
    ratio: wireObject({ points: int.min(1), amount: money }),
    maxPercent: count,
    expiry: z.enum(['end_of_next_year', 'never']),
  }),
);
const levelTable = component('LevelTable', wireObject({ thresholds: z.array(count) }));
const rfmConfig = component(
  'RfmConfig',
  wireObject({
    windowDays: int.min(1),
    monetary: z.enum(['total', 'average']),
    scoring: z.discriminatedUnion('kind', [
      wireObject({ kind: z.literal('quintiles') }),
      wireObject({ kind: z.literal('breakpoints'), recency: z.array(count), frequency: z.array(count), monetary: z.array(money) }),
    ]),
    wakeUp: wireObject({ minPrevious: int.min(1), fallPercent: int.min(1) }),
    downgradeAtRecencyScore: int.nullable(),
  }),
);

/** The rule tables in force. */
export const membershipRules = component('MembershipRules', wireObject({ growth: growthRules, points: pointsRules, levels: levelTable, rfm: rfmConfig }));
/** PUT /admin/membership/rules: the table as stored (the one the request named). */
export const ruleTable = z.union([growthRules, pointsRules, levelTable, rfmConfig]);

/** Proposed thresholds from the current growth, and how many members they were computed from. */
export const levelProposal = component('LevelProposal', wireObject({ thresholds: z.array(count), members: count }));
export const levelSet = component('LevelSet', wireObject({ fromLevel: int, toLevel: int }));

export const rfmRun = component(
  'RfmRun',
  wireObject({ id: wireId, asOf: timestamp, config: rfmConfig, members: count, wakeUps: count, downgrades: count, at: timestamp }),
);
const segment = z.enum(SEGMENTS);
/** Members per segment in a run: every one of the eight segments, 0 when empty (an object with a field per segment, not a record). */
const segmentCounts = wireObject(Object.fromEntries(SEGMENTS.map((s) => [s, count])) as Record<Segment, typeof count>);
export const rfmSegmentCounts = component('RfmSegmentCounts', wireObject({ run: rfmRun, segments: segmentCounts }));
export const memberRfm = component(
  'MemberRfm',
  wireObject({
    memberId: wireId,
    recencyDays: count,
    frequency: count,
    monetary: money,
    r: int,
    f: int,
    m: int,
    segment,
    runId: wireId,
    asOf: timestamp,
  }),
);

/** What a use case's `execute` resolves to. */
type Result<U extends { execute(...args: never[]): Promise<unknown> }> = Awaited<ReturnType<U['execute']>>;

export type MembershipWireChecks = [
  Check<Same<z.output<typeof memberProfile>, Json<Result<RegisterMember>>>>,
  Check<Same<z.output<typeof memberView>, Json<Result<GetMember>>>>,
  Check<Same<z.output<typeof growthChange>, Json<Result<AdjustGrowth>>>>,
  Check<Same<z.output<typeof pointsChange>, Json<Result<SpendPoints>>>>,
  Check<Same<z.output<typeof pointsChange>, Json<Result<AdjustPoints>>>>,
  Check<Same<z.output<typeof memberHistory>, Json<Result<GetMemberHistory>>>>,
  Check<Same<z.output<typeof signInResult>, Json<Result<SignIn>>>>,
  Check<Same<z.output<typeof membershipRules>, Json<Result<GetMembershipRules>>>>,
  Check<Same<z.output<typeof ruleTable>, Json<Result<SetMembershipRules>>>>,
  Check<Same<z.output<typeof levelProposal>, Json<Result<ProposeLevelThresholds>>>>,
  Check<Same<z.output<typeof levelSet>, Json<Result<SetMemberLevel>>>>,
  Check<Same<z.output<typeof rfmRun>, Json<Result<RunRfm>>>>,
  Check<Same<z.output<typeof rfmSegmentCounts>, Json<Result<RfmSegmentCounts>>>>,
  Check<Same<z.output<typeof memberRfm>, Json<Result<MemberRfm>>>>,
];
