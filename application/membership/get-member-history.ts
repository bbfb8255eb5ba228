import type { GrowthSource } from '../../domain/membership/growth.js';
import type { LedgerEntry } from '../../domain/membership/ledger.js';
import type { AuditRecord, LevelChange } from '../../domain/membership/member.js';
import type { PointsSource } from '../../domain/membership/points.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { member } from './lookups.js';
import { MEMBERSHIP_STORE } from './store.js';

export interface MemberHistory {
  readonly growth: readonly LedgerEntry<GrowthSource>[];
  readonly points: readonly LedgerEntry<PointsSource>[];
  readonly levels: readonly LevelChange[];
  readonly audits: readonly AuditRecord[];
}

/** A member's growth and points ledgers (newest first, at most `limit` each), level history and audits. */
export class GetMemberHistory {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string; limit?: number }): Promise<MemberHistory> {
    const limit = Math.min(Math.max(cmd.limit ?? 100, 1), 500);
    return this.d.uow.run(async (tx) => {
      const store = tx.use(MEMBERSHIP_STORE);
      await member(tx, cmd.memberId);
      return {
        growth: await store.growthLedger.entries(cmd.memberId, { limit }),
        points: await store.pointsLedger.entries(cmd.memberId, { limit }),
        levels: await store.members.levelHistory(cmd.memberId),
        audits: await store.members.audits(cmd.memberId),
      };
    });
  }
}
