import { checkStatusFilter, orderPageRequest, type OrderPage } from '../../domain/ordering/queries.js';
import type { OrderStatus } from '../../domain/ordering/status.js';
import type { OrderingDeps } from './deps.js';
import { checkId } from './query-input.js';
import { ORDERING_STORE } from './store.js';

/** 我的订单: the member's orders as they see them (unsplit orders and child orders), newest first, optionally of one status. */
export class ListMemberOrders {
  constructor(private readonly deps: Pick<OrderingDeps, 'uow'>) {}

  async execute(cmd: { readonly memberId: string; readonly status?: OrderStatus; readonly page?: number; readonly pageSize?: number }): Promise<OrderPage> {
    const memberId = checkId('memberId', cmd.memberId);
    const status = checkStatusFilter(cmd.status);
    const page = orderPageRequest(cmd.page, cmd.pageSize);
    return this.deps.uow.run((tx) => tx.use(ORDERING_STORE).orderQueries.memberOrders(memberId, { ...page, ...(status ? { status } : {}) }));
  }
}
