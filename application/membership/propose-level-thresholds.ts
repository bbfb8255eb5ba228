import { quantilesOf, thresholdsFrom, type LevelTable } from '../../domain/membership/levels.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { MEMBERSHIP_STORE } from './store.js';

/**
 * Proposes thresholds for target shares per level (bottom to top, whole %, sum 100) from the current
 * growth of every member: level k starts at the growth value at the quantile of the levels below it.
 * Only a proposal: staff apply it with SetMembershipRules.
 */
export class ProposeLevelThresholds {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { shares: readonly number[] }): Promise<LevelTable & { members: number }> {
    const q = quantilesOf(cmd.shares);
    return this.d.uow.run(async (tx) => {
      const { members, values } = await tx.use(MEMBERSHIP_STORE).members.growthAtQuantiles(q);
      return { ...thresholdsFrom(values), members };
    });
  }
}
