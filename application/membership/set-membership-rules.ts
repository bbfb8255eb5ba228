import { MEMBERSHIP_ERRORS } from '../../domain/membership/errors.js';
import { checkGrowthRules } from '../../domain/membership/growth.js';
import { checkLevels } from '../../domain/membership/levels.js';
import { checkPointsRules } from '../../domain/membership/points.js';
import { checkRfmConfig } from '../../domain/membership/rfm.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { SETTING, type MembershipRules } from './lookups.js';
import { MEMBERSHIP_STORE } from './store.js';

type RuleKey = keyof MembershipRules;
const CHECKS: { [K in RuleKey]: (v: MembershipRules[K]) => MembershipRules[K] } = {
  growth: checkGrowthRules,
  points: checkPointsRules,
  levels: checkLevels,
  rfm: checkRfmConfig,
};

/** Staff replace one rule table (growth, points, levels, RFM); checked first, nothing written when refused. */
export class SetMembershipRules {
  constructor(private readonly d: UseCaseDeps) {}

  execute<K extends RuleKey>(cmd: { table: K; value: MembershipRules[K]; operator: string }): Promise<MembershipRules[K]> {
    const check = CHECKS[cmd.table] as ((v: unknown) => MembershipRules[K]) | undefined;
    if (!check) throw MEMBERSHIP_ERRORS.raise('UNKNOWN_RULE_TABLE', `no rule table ${String(cmd.table)}`);
    const value = check(cmd.value);
    return this.d.uow.run(async (tx) => {
      const settings = tx.use(MEMBERSHIP_STORE).settings;
      const key = SETTING[cmd.table];
      const stored = await settings.get(key);
      await settings.put(key, value, stored?.version ?? 0);
      tx.recordEvents([
        { type: 'membership.rules.changed', aggregateId: key, occurredAt: this.d.clock.now(), payload: { table: cmd.table, operator: cmd.operator } },
      ]);
      return value;
    });
  }
}
