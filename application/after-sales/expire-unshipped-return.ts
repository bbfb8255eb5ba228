import type { UseCaseDeps } from '../shared/deps.js';
import { AFTER_SALES_STORE } from './store.js';

/**
 * The handler of the durable `after-sales.ship-back-timeout` job (scheduled when a return or exchange is
 * approved): a request still awaiting the member's parcel at its ship-back time closes
 * (`not_shipped_back`). Shipped back, withdrawn or missing: nothing changes (a job may run twice). Run
 * before its time (runners' clocks apart), nothing changes either and `notBefore` answers that time.
 */
export class ExpireUnshippedReturn {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly requestId: string }): Promise<{ readonly closed: boolean; readonly notBefore: Date | null }> {
    return this.d.uow.run(async (tx) => {
      const requests = tx.use(AFTER_SALES_STORE).requests;
      const request = await requests.get(cmd.requestId);
      const s = request?.toSnapshot();
      if (!request || !s || s.status !== 'awaiting_customer_shipment' || s.shipBackBy === null) return { closed: false, notBefore: null };
      const now = this.d.clock.now();
      if (now.getTime() < s.shipBackBy.getTime()) return { closed: false, notBefore: s.shipBackBy };
      request.expire(now);
      await requests.save(request);
      return { closed: true, notBefore: null };
    });
  }
}
