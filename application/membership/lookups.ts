import { DEFAULT_GROWTH_RULES, type GrowthRules } from '../../domain/membership/growth.js';
import { MEMBERSHIP_ERRORS } from '../../domain/membership/errors.js';
import { DEFAULT_LEVELS, type LevelTable } from '../../domain/membership/levels.js';
import type { MemberProfile } from '../../domain/membership/member.js';
import { DEFAULT_POINTS_RULES, type PointsRules } from '../../domain/membership/points.js';
import { DEFAULT_RFM_CONFIG, type OrderFact, type RfmConfig, type RfmRun } from '../../domain/membership/rfm.js';
import { Money } from '../../domain/shared/money.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { MEMBERSHIP_STORE } from './store.js';

/** The settings key of each rule table. */
export const SETTING = { growth: 'growth_rules', points: 'points_rules', levels: 'levels', rfm: 'rfm_config' } as const;

/** The rule tables in force: growth, points, level thresholds, RFM. */
export interface MembershipRules {
  readonly growth: GrowthRules;
  readonly points: PointsRules;
  readonly levels: LevelTable;
  readonly rfm: RfmConfig;
}

/** The rule tables as stored, each the default until staff set it. */
export async function rules(tx: Transaction): Promise<MembershipRules> {
  const s = tx.use(MEMBERSHIP_STORE).settings;
  return {
    growth: (await s.get<GrowthRules>(SETTING.growth))?.value ?? DEFAULT_GROWTH_RULES,
    points: (await s.get<PointsRules>(SETTING.points))?.value ?? DEFAULT_POINTS_RULES,
    levels: (await s.get<LevelTable>(SETTING.levels))?.value ?? DEFAULT_LEVELS,
    rfm: (await s.get<RfmConfig>(SETTING.rfm))?.value ?? DEFAULT_RFM_CONFIG,
  };
}

/** A member's profile (`MEMBERSHIP.MEMBER_NOT_FOUND` when there is none). */
export async function member(tx: Transaction, memberId: string): Promise<MemberProfile> {
  const m = await tx.use(MEMBERSHIP_STORE).members.get(memberId);
  if (!m) throw MEMBERSHIP_ERRORS.raise('MEMBER_NOT_FOUND', `no member ${memberId}`, { memberId });
  return m;
}

/** The paid-order fact of an order (`MEMBERSHIP.ORDER_NOT_FOUND` when membership does not know it as paid). */
export async function paidOrderFact(tx: Transaction, orderId: string): Promise<OrderFact> {
  const f = await tx.use(MEMBERSHIP_STORE).orderFacts.get(orderId);
  if (!f) throw MEMBERSHIP_ERRORS.raise('ORDER_NOT_FOUND', `no paid order ${orderId}`, { orderId });
  return f;
}

/** What an order settled: paid minus refunded. */
export const netOf = (f: OrderFact): Money => Money.of(f.amount).subtract(Money.of(f.refunded));

/** A run by its id, or the latest (`MEMBERSHIP.RFM_RUN_NOT_FOUND` when there is none). */
export async function rfmRunOrLatest(tx: Transaction, runId?: string): Promise<RfmRun> {
  const runs = tx.use(MEMBERSHIP_STORE).rfmRuns;
  const run = runId ? await runs.get(runId) : await runs.latest();
  if (!run) throw MEMBERSHIP_ERRORS.raise('RFM_RUN_NOT_FOUND', runId ? `no RFM run ${runId}` : 'no RFM run yet', runId ? { runId } : {});
  return run;
}
