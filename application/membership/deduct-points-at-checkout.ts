import { checkAmount, checkReference } from '../../domain/membership/ledger.js';
import { checkoutDeduction } from '../../domain/membership/points.js';
import { Money } from '../../domain/shared/money.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { changePoints } from './ledgers.js';
import { rules } from './lookups.js';

export interface CheckoutDeduction {
  readonly points: number;
  readonly value: string;
  readonly perLine: Readonly<Record<string, number>>;
  readonly balance: number;
  readonly replayed: boolean;
}

/**
 * Checkout deduction (积分抵扣): `points` pay `points × ratio` off the payable, at most `maxPercent` %;
 * the points split over the lines by their payable, so a refund returns exactly the refunded lines'
 * share. The balance never goes negative: the debit is one guarded step. Once per order.
 */
export class DeductPointsAtCheckout {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: {
    memberId: string;
    orderId: string;
    points: number;
    payable: string;
    lines: readonly { lineId: string; payable: string }[];
  }): Promise<CheckoutDeduction> {
    checkAmount(cmd.points);
    checkReference(cmd.orderId);
    const payable = Money.parse(cmd.payable);
    const lines = (cmd.lines ?? []).map((l) => ({ lineId: l.lineId, payable: Money.parse(l.payable) }));
    return this.d.uow.run(async (tx) => {
      const r = await rules(tx);
      const { value, perLine } = checkoutDeduction(r.points, cmd.points, payable, lines);
      const res = await changePoints(tx, this.d, {
        memberId: cmd.memberId,
        source: 'checkout',
        reference: cmd.orderId,
        delta: -cmd.points,
        detail: { value: value.toString(), perLine },
      });
      const detail = res.entry.detail as { value: string; perLine: Record<string, number> };
      return { points: -res.entry.delta, value: detail.value, perLine: detail.perLine, balance: res.balance, replayed: res.replayed };
    });
  }
}
