import type { OrderingDeps } from './deps.js';
import { followParent, releaseCancelledOrder } from './holdings.js';
import { ORDERING_STORE } from './store.js';

/**
 * ORD-3, the handler of the durable `order.payment-timeout` job: an order still unpaid at its time to pay
 * is cancelled and releases what it held. Paid, cancelled or missing: nothing changes (a job may run
 * twice). Run before its time to pay (runners' clocks apart), nothing changes either and `notBefore`
 * answers that time: the job runs again then (the one way every timer answers, issue #13).
 */
export class ExpireUnpaidOrder {
  constructor(private readonly deps: OrderingDeps) {}

  execute(cmd: { readonly orderId: string }): Promise<{ readonly cancelled: boolean; readonly notBefore: Date | null }> {
    return this.deps.uow.run(async (tx) => {
      const at = this.deps.clock.now();
      const orders = tx.use(ORDERING_STORE).orders;
      const order = await orders.get(cmd.orderId);
      if (!order) return { cancelled: false, notBefore: null };
      if (!order.expireIfUnpaid(at)) {
        const early = order.status === 'pending_payment' && !order.isSplitParent;
        return { cancelled: false, notBefore: early ? order.toSnapshot().payBy : null };
      }
      await orders.save(order);
      await releaseCancelledOrder(tx, this.deps, order, at);
      await followParent(tx, order.parentId, at);
      return { cancelled: true, notBefore: null };
    });
  }
}
