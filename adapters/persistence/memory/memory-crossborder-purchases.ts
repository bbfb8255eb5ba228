import type { CrossBorderPurchases } from '../../../domain/crossborder/ports.js';
import { Money } from '../../../domain/shared/money.js';

/**
 * `CrossBorderPurchases` until the orders context implements it from paid orders (issue #6): counts only
 * what is `record`ed into it, in this process. Nothing records into it yet, so it answers zero for
 * everybody: the yearly limit (20,000.00) then binds only through the per-transaction limit. Tests and
 * hosts may record paid amounts to exercise the yearly limit.
 */
export class MemoryCrossBorderPurchases implements CrossBorderPurchases {
  private readonly paid = new Map<string, Money>();

  async paidInYear(personId: string, year: number): Promise<Money> {
    return this.paid.get(`${year}\u0000${personId}`) ?? Money.zero();
  }

  /** Adds a paid cross-border order of the person in the (China-time) calendar year. */
  record(personId: string, year: number, amount: Money): void {
    const key = `${year}\u0000${personId}`;
    this.paid.set(key, (this.paid.get(key) ?? Money.zero()).add(amount));
  }
}
