import type { GrowthSource } from '../../domain/membership/growth.js';
import type { Ledger, Members, MembershipSettings, OrderFacts, PointsLedger, RfmRuns } from '../../domain/membership/ports.js';
import { storeKey } from '../shared/store.js';

/** The membership context's repositories in one transaction (never exported from the context's index). */
export interface MembershipStore {
  readonly members: Members;
  readonly growthLedger: Ledger<GrowthSource>;
  readonly pointsLedger: PointsLedger;
  readonly settings: MembershipSettings;
  /** The paid-order projection RFM and growth read (`member_order_fact`). */
  readonly orderFacts: OrderFacts;
  readonly rfmRuns: RfmRuns;
}

export const MEMBERSHIP_STORE = storeKey<MembershipStore>('membership');
