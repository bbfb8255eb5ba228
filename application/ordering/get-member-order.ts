import { orderNotFound } from '../../domain/ordering/errors.js';
import { memberRejection } from '../../domain/ordering/order.js';
import type { OrderDetail } from '../../domain/ordering/queries.js';
import type { OrderingDeps } from './deps.js';
import { checkId } from './query-input.js';
import { ORDERING_STORE } from './store.js';

/** One of the member's own orders with its children and timeline. Another member's order is `ORDER.NOT_FOUND`: it is never visible to them. */
export class GetMemberOrder {
  constructor(private readonly deps: Pick<OrderingDeps, 'uow'>) {}

  async execute(cmd: { readonly memberId: string; readonly orderId: string }): Promise<OrderDetail> {
    const memberId = checkId('memberId', cmd.memberId);
    const orderId = checkId('orderId', cmd.orderId);
    return this.deps.uow.run(async (tx) => {
      const detail = await tx.use(ORDERING_STORE).orderQueries.detail(orderId);
      if (!detail) throw orderNotFound(orderId);
      const rejection = memberRejection(detail, memberId);
      if (rejection) throw rejection;
      return detail;
    });
  }
}
