import { checkGrowthRules, qualifies, type GrowthSource } from '../../domain/membership/growth.js';
import { checkAmount, checkReference, type LedgerEntry, type LedgerResult } from '../../domain/membership/ledger.js';
import { checkLevels, quantilesOf, thresholdsFrom, type LevelTable } from '../../domain/membership/levels.js';
import { checkAudit, type AuditRecord, type LevelChange } from '../../domain/membership/member.js';
import { businessDay, checkPointsRules, expiryOf, type PointsSource } from '../../domain/membership/points.js';
import { checkRfmConfig } from '../../domain/membership/rfm.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { changeGrowth, changePoints, member, rules, SETTING, type Deps, type MembershipRules } from './support.js';

/** The first manual login of the business day earns growth once (reference: the day). */
export class RecordLogin {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { memberId: string; manual?: boolean }): Promise<{ granted: number; growth: number }> {
    return this.uow.run(async (tx) => {
      const r = await rules(tx);
      if (cmd.manual === false || r.growth.dailyLogin === 0) return { granted: 0, growth: await tx.growthLedger.balance((await member(tx, cmd.memberId)).id) };
      const res = await changeGrowth(tx, this.d, { memberId: cmd.memberId, source: 'login', reference: businessDay(this.d.clock.now()), delta: r.growth.dailyLogin }, r.levels);
      return { granted: res.replayed ? 0 : res.entry.delta, growth: res.balance };
    });
  }
}

/** A review was approved: growth (and points) for a qualifying item; a show-order post among the first N earns more. */
export class RecordReviewApproved {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { memberId: string; reviewId: string; itemPrice: string; virtual: boolean; showOrderRank?: number | null }): Promise<{ growth: number; points: number }> {
    checkReference(cmd.reviewId);
    const item = { price: Money.parse(cmd.itemPrice), virtual: cmd.virtual };
    return this.uow.run(async (tx) => {
      const r = await rules(tx);
      let growth = 0;
      let points = 0;
      if (!qualifies(r.growth, item)) return { growth, points };
      const grant = async (g: GrowthSource, p: PointsSource, gAmount: number, pAmount: number) => {
        if (gAmount > 0) {
          const x = await changeGrowth(tx, this.d, { memberId: cmd.memberId, source: g, reference: cmd.reviewId, delta: gAmount }, r.levels);
          if (!x.replayed) growth += x.entry.delta;
        }
        if (pAmount > 0) {
          const x = await changePoints(tx, this.d, { memberId: cmd.memberId, source: p, reference: cmd.reviewId, delta: pAmount, expiresAt: expiry(r, this.d) });
          if (!x.replayed) points += x.entry.delta;
        }
      };
      await grant('review', 'review', r.growth.review, r.points.review);
      const rank = cmd.showOrderRank;
      if (rank !== undefined && rank !== null && Number.isSafeInteger(rank) && rank >= 1 && rank <= r.growth.showOrderFirst) {
        await grant('show_order', 'show_order', r.growth.showOrder, r.points.showOrder);
      }
      return { growth, points };
    });
  }
}

const expiry = (r: MembershipRules, d: Deps) => expiryOf(r.points, d.clock.now());

/** MBR-1: a deleted review takes back its review and show-order growth and points, never below zero. */
export class RecordReviewDeleted {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { memberId: string; reviewId: string }): Promise<{ growth: number; points: number }> {
    checkReference(cmd.reviewId);
    return this.uow.run(async (tx) => {
      const r = await rules(tx);
      let growth = 0;
      for (const [src, back] of [['review', 'review_rollback'], ['show_order', 'show_order_rollback']] as const) {
        const granted = await tx.growthLedger.entry(cmd.memberId, src, cmd.reviewId);
        if (!granted || granted.delta <= 0) continue;
        const x = await changeGrowth(tx, this.d, { memberId: cmd.memberId, source: back, reference: cmd.reviewId, delta: -granted.delta, clamp: true }, r.levels);
        if (!x.replayed) growth += x.entry.delta;
      }
      let pointsGranted = 0;
      for (const src of ['review', 'show_order'] as const) pointsGranted += (await tx.pointsLedger.entry(cmd.memberId, src, cmd.reviewId))?.delta ?? 0;
      let points = 0;
      if (pointsGranted > 0) {
        const x = await changePoints(tx, this.d, { memberId: cmd.memberId, source: 'review_rollback', reference: cmd.reviewId, delta: -pointsGranted, clamp: true });
        if (!x.replayed) points = x.entry.delta;
      }
      return { growth, points };
    });
  }
}

/** Staff change a member's growth by hand: audited (who, why). */
export class AdjustGrowth {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { memberId: string; delta: number; operator: string; reason: string; reference?: string }): Promise<LedgerResult<GrowthSource>> {
    checkAudit(cmd.operator, cmd.reason);
    checkAmount(Math.abs(cmd.delta), 'growth');
    return this.uow.run(async (tx) => {
      const reference = cmd.reference ?? this.d.ids.next();
      const r = await changeGrowth(tx, this.d, { memberId: cmd.memberId, source: 'manual', reference, delta: cmd.delta });
      if (!r.replayed) {
        await tx.members.recordAudit({ id: this.d.ids.next(), memberId: cmd.memberId, action: 'growth', operator: cmd.operator, reason: cmd.reason, detail: { delta: cmd.delta, reference }, at: r.entry.at });
      }
      return r;
    });
  }
}

/** Staff set a member's platform level by hand: audited; the next growth change puts it back on the table. */
export class SetMemberLevel {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { memberId: string; level: number; operator: string; reason: string }): Promise<{ fromLevel: number; toLevel: number }> {
    checkAudit(cmd.operator, cmd.reason);
    return this.uow.run(async (tx) => {
      const { levels } = await rules(tx);
      if (!Number.isSafeInteger(cmd.level) || cmd.level < 1 || cmd.level > levels.thresholds.length) {
        throw DomainError.invalid('MEMBERSHIP.INVALID_LEVEL', `a level is 1 to ${levels.thresholds.length}`, { level: cmd.level });
      }
      await member(tx, cmd.memberId);
      const at = this.d.clock.now();
      const from = await tx.members.setLevel(cmd.memberId, cmd.level);
      await tx.members.recordLevelChange({ id: this.d.ids.next(), memberId: cmd.memberId, scope: 'platform', fromLevel: from, toLevel: cmd.level, reason: 'manual', at });
      await tx.members.recordAudit({ id: this.d.ids.next(), memberId: cmd.memberId, action: 'level', operator: cmd.operator, reason: cmd.reason, detail: { from, to: cmd.level }, at });
      tx.recordEvents([{ type: 'membership.level.changed', aggregateId: cmd.memberId, occurredAt: at, payload: { scope: 'platform', fromLevel: from, toLevel: cmd.level, reason: 'manual', operator: cmd.operator } }]);
      return { fromLevel: from, toLevel: cmd.level };
    });
  }
}

export interface MemberHistory {
  readonly growth: readonly LedgerEntry<GrowthSource>[];
  readonly points: readonly LedgerEntry<PointsSource>[];
  readonly levels: readonly LevelChange[];
  readonly audits: readonly AuditRecord[];
}

/** A member's growth and points ledgers (newest first, at most `limit` each), level history and audits. */
export class GetMemberHistory {
  constructor(private readonly uow: UnitOfWork) {}
  execute(cmd: { memberId: string; limit?: number }): Promise<MemberHistory> {
    const limit = Math.min(Math.max(cmd.limit ?? 100, 1), 500);
    return this.uow.run(async (tx) => {
      await member(tx, cmd.memberId);
      return {
        growth: await tx.growthLedger.entries(cmd.memberId, { limit }),
        points: await tx.pointsLedger.entries(cmd.memberId, { limit }),
        levels: await tx.members.levelHistory(cmd.memberId),
        audits: await tx.members.audits(cmd.memberId),
      };
    });
  }
}

/** The rule tables in force (defaults until staff set them). */
export class GetMembershipRules {
  constructor(private readonly uow: UnitOfWork) {}
  execute(): Promise<MembershipRules> {
    return this.uow.run((tx) => rules(tx));
  }
}

type RuleKey = keyof MembershipRules;
const CHECKS: { [K in RuleKey]: (v: MembershipRules[K]) => MembershipRules[K] } = {
  growth: checkGrowthRules, points: checkPointsRules, levels: checkLevels, rfm: checkRfmConfig,
};

/** Staff replace one rule table (growth, points, levels, RFM); checked first, nothing written when refused. */
export class SetMembershipRules {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute<K extends RuleKey>(cmd: { table: K; value: MembershipRules[K]; operator: string }): Promise<MembershipRules[K]> {
    const check = CHECKS[cmd.table] as ((v: unknown) => MembershipRules[K]) | undefined;
    if (!check) throw DomainError.invalid('MEMBERSHIP.UNKNOWN_RULE_TABLE', `no rule table ${String(cmd.table)}`);
    const value = check(cmd.value);
    return this.uow.run(async (tx) => {
      const key = SETTING[cmd.table];
      const stored = await tx.membershipSettings.get(key);
      await tx.membershipSettings.put(key, value, stored?.version ?? 0);
      tx.recordEvents([{ type: 'membership.rules.changed', aggregateId: key, occurredAt: this.d.clock.now(), payload: { table: cmd.table, operator: cmd.operator } }]);
      return value;
    });
  }
}

/**
 * Proposes thresholds for target shares per level (bottom to top, whole %, sum 100) from the current
 * growth of every member: level k starts at the growth value at the quantile of the levels below it.
 * Only a proposal: staff apply it with SetMembershipRules.
 */
export class ProposeLevelThresholds {
  constructor(private readonly uow: UnitOfWork) {}
  execute(cmd: { shares: readonly number[] }): Promise<LevelTable & { members: number }> {
    const q = quantilesOf(cmd.shares);
    return this.uow.run(async (tx) => {
      const { members, values } = await tx.members.growthAtQuantiles(q);
      return { ...thresholdsFrom(values), members };
    });
  }
}

