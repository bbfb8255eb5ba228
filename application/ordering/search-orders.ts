import {
  checkPlacedWindow,
  checkStatusFilter,
  orderPageRequest,
  type OrderPage,
  type OrderPageRequest,
  type OrderSearch,
} from '../../domain/ordering/queries.js';
import type { OrderingDeps } from './deps.js';
import { optionalId } from './query-input.js';
import { ORDERING_STORE } from './store.js';

/** Staff search (订单查询) over leaf orders by number (its own or its split parent's), member, status, shop and placing time, newest first. */
export class SearchOrders {
  constructor(private readonly deps: Pick<OrderingDeps, 'uow'>) {}

  async execute(cmd: Omit<OrderSearch, keyof OrderPageRequest> & Partial<OrderPageRequest> = {}): Promise<OrderPage> {
    const number = optionalId('number', cmd.number);
    const memberId = optionalId('memberId', cmd.memberId);
    const shopId = optionalId('shopId', cmd.shopId);
    const status = checkStatusFilter(cmd.status);
    checkPlacedWindow(cmd.placedFrom, cmd.placedTo);
    const page = orderPageRequest(cmd.page, cmd.pageSize);
    const search = {
      ...page,
      ...(number !== undefined ? { number } : {}),
      ...(memberId !== undefined ? { memberId } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(shopId !== undefined ? { shopId } : {}),
      ...(cmd.placedFrom !== undefined ? { placedFrom: cmd.placedFrom } : {}),
      ...(cmd.placedTo !== undefined ? { placedTo: cmd.placedTo } : {}),
    };
    return this.deps.uow.run((tx) => tx.use(ORDERING_STORE).orderQueries.search(search));
  }
}
