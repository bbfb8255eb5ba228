import { DEFAULT_GROWTH_RULES, type GrowthRules, type GrowthSource } from '../../domain/membership/growth.js';
import { balanceOverflow, type LedgerChange, type LedgerResult } from '../../domain/membership/ledger.js';
import { DEFAULT_LEVELS, levelOf, type LevelTable } from '../../domain/membership/levels.js';
import type { MemberProfile } from '../../domain/membership/member.js';
import { DEFAULT_POINTS_RULES, type PointsRules, type PointsSource } from '../../domain/membership/points.js';
import { DEFAULT_RFM_CONFIG, type RfmConfig } from '../../domain/membership/rfm.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { INT32_MAX, isWholeIn } from '../../domain/shared/integers.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import type { Transaction } from '../shared/unit-of-work.js';

export interface Deps {
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export const SETTING = { growth: 'growth_rules', points: 'points_rules', levels: 'levels', rfm: 'rfm_config' } as const;

export interface MembershipRules {
  readonly growth: GrowthRules;
  readonly points: PointsRules;
  readonly levels: LevelTable;
  readonly rfm: RfmConfig;
}

export async function rules(tx: Transaction): Promise<MembershipRules> {
  const s = tx.membershipSettings;
  return {
    growth: (await s.get<GrowthRules>(SETTING.growth))?.value ?? DEFAULT_GROWTH_RULES,
    points: (await s.get<PointsRules>(SETTING.points))?.value ?? DEFAULT_POINTS_RULES,
    levels: (await s.get<LevelTable>(SETTING.levels))?.value ?? DEFAULT_LEVELS,
    rfm: (await s.get<RfmConfig>(SETTING.rfm))?.value ?? DEFAULT_RFM_CONFIG,
  };
}

export async function member(tx: Transaction, memberId: string): Promise<MemberProfile> {
  const m = await tx.members.get(memberId);
  if (!m) throw DomainError.notFound('MEMBERSHIP.MEMBER_NOT_FOUND', `no member ${memberId}`, { memberId });
  return m;
}

/** Moves the platform level to what the growth reaches, with its history and event. */
export async function followGrowth(tx: Transaction, d: Deps, memberId: string, balance: number, levels: LevelTable): Promise<void> {
  const to = levelOf(balance, levels);
  const from = await tx.members.setLevel(memberId, to);
  if (from === to) return;
  const at = d.clock.now();
  await tx.members.recordLevelChange({ id: d.ids.next(), memberId, scope: 'platform', fromLevel: from, toLevel: to, reason: 'growth', at });
  tx.recordEvents([{ type: 'membership.level.changed', aggregateId: memberId, occurredAt: at, payload: { scope: 'platform', fromLevel: from, toLevel: to, reason: 'growth', growth: balance } }]);
}

type Change<S extends string> = Omit<LedgerChange<S>, 'entryId' | 'at'>;

/** A computed change (an order's growth, a top-up's points …) larger than any balance holds is refused before it reaches a ledger. */
function bounded<S extends string>(kind: 'points' | 'growth', c: Change<S>): Change<S> {
  if (!isWholeIn(c.delta, -INT32_MAX, INT32_MAX)) throw balanceOverflow(kind, c.memberId, null, c.delta);
  return c;
}

/** One growth change: the ledger (guarded, idempotent), then the level (MBR-1 rollbacks are clamped changes). */
export async function changeGrowth(tx: Transaction, d: Deps, c: Change<GrowthSource>, levels?: LevelTable): Promise<LedgerResult<GrowthSource>> {
  await member(tx, c.memberId);
  const r = await tx.growthLedger.apply({ ...bounded('growth', c), entryId: d.ids.next(), at: d.clock.now() });
  if (!r.replayed && r.entry.delta !== 0) {
    tx.recordEvents([{ type: 'membership.growth.changed', aggregateId: c.memberId, occurredAt: r.entry.at, payload: { source: c.source, reference: c.reference, delta: r.entry.delta, balance: r.balance } }]);
    await followGrowth(tx, d, c.memberId, r.balance, levels ?? (await rules(tx)).levels);
  }
  return r;
}

export async function changePoints(tx: Transaction, d: Deps, c: Change<PointsSource>): Promise<LedgerResult<PointsSource>> {
  await member(tx, c.memberId);
  const r = await tx.pointsLedger.apply({ ...bounded('points', c), entryId: d.ids.next(), at: d.clock.now() });
  if (!r.replayed && r.entry.delta !== 0) {
    tx.recordEvents([{ type: 'membership.points.changed', aggregateId: c.memberId, occurredAt: r.entry.at, payload: { source: c.source, reference: c.reference, delta: r.entry.delta, balance: r.balance } }]);
  }
  return r;
}

/** What earlier entries of `source` under `<prefix>` took (as a positive number). */
export async function taken(tx: Transaction, ledger: 'growthLedger' | 'pointsLedger', memberId: string, source: string, prefix: string): Promise<number> {
  const entries = await (tx[ledger] as Transaction['pointsLedger']).entries(memberId, { sources: [source as PointsSource], referencePrefix: prefix });
  return entries.reduce((a, e) => a - e.delta, 0);
}
