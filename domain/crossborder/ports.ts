import type { Money } from '../shared/money.js';

/**
 * Port: what a person has paid for cross-border orders in a calendar year (China time), for the yearly
 * limit (spec §18) — the purchases repository of the cross-border store. The orders context is to record
 * paid cross-border orders into it (issue #6); until then nothing does, so it answers zero for
 * everybody and the yearly limit only stops a single transaction above 20,000.00, which the
 * per-transaction limit already stops.
 */
export interface CrossBorderPurchases {
  /** `personId`: the buyer's identity (订购人, the ID number customs checks), not a login. */
  paidInYear(personId: string, year: number): Promise<Money>;
}
