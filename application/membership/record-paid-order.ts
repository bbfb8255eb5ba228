import { MEMBERSHIP_ERRORS } from '../../domain/membership/errors.js';
import { checkReference } from '../../domain/membership/ledger.js';
import type { OrderFact } from '../../domain/membership/rfm.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { member } from './lookups.js';
import { MEMBERSHIP_STORE } from './store.js';

export interface RecordPaidOrderCommand {
  readonly orderId: string;
  readonly memberId: string;
  readonly paidAt: Date;
  readonly amount: string;
}

/**
 * A paid order: the paid-order fact RFM reads (membership's subscription to `order.paid` records it).
 * Idempotent by order id; the same order with other figures is `MEMBERSHIP.ORDER_FACT_MISMATCH`.
 */
export class RecordPaidOrder {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: RecordPaidOrderCommand): Promise<{ recorded: boolean }> {
    checkReference(cmd.orderId);
    const amount = Money.parse(cmd.amount);
    if (amount.isNegative()) throw DomainError.invalid('MONEY.NEGATIVE', 'a paid amount is not negative');
    if (!(cmd.paidAt instanceof Date) || Number.isNaN(cmd.paidAt.getTime())) throw MEMBERSHIP_ERRORS.raise('INVALID_TIME', 'paidAt is a moment');
    return this.d.uow.run(async (tx) => {
      const facts = tx.use(MEMBERSHIP_STORE).orderFacts;
      await member(tx, cmd.memberId);
      const f: OrderFact = { orderId: cmd.orderId, memberId: cmd.memberId, paidAt: cmd.paidAt, amount: amount.amount.toFixed(2), refunded: '0.00' };
      const recorded = await facts.record(f);
      if (!recorded) {
        const known = (await facts.get(cmd.orderId))!;
        if (known.memberId !== f.memberId || known.amount !== f.amount)
          throw MEMBERSHIP_ERRORS.raise('ORDER_FACT_MISMATCH', `order ${cmd.orderId} was recorded with other figures`, { orderId: cmd.orderId });
      }
      return { recorded };
    });
  }
}
