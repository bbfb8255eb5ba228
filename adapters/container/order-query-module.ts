import { ContainerModule, type ServiceIdentifier } from 'inversify';
import * as uc from '../../application/ordering/order-queries.js';
import type { UnitOfWork } from '../../application/shared/unit-of-work.js';
import { TOKENS } from './tokens.js';

const t = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`zhongtai.orderQueries.${name}`);

export const ORDER_QUERIES = {
  ListMemberOrders: t<uc.ListMemberOrders>('ListMemberOrders'),
  GetMemberOrder: t<uc.GetMemberOrder>('GetMemberOrder'),
  SearchOrders: t<uc.SearchOrders>('SearchOrders'),
  GetOrder: t<uc.GetOrder>('GetOrder'),
  OrderStatistics: t<uc.OrderStatistics>('OrderStatistics'),
} as const;

/** The read side of ordering: members' orders and details, staff search and details, period statistics. */
export const orderQueryModule = new ContainerModule(({ bind }) => {
  bind(ORDER_QUERIES.ListMemberOrders).toResolvedValue((u: UnitOfWork) => new uc.ListMemberOrders(u), [TOKENS.UnitOfWork]).inSingletonScope();
  bind(ORDER_QUERIES.GetMemberOrder).toResolvedValue((u: UnitOfWork) => new uc.GetMemberOrder(u), [TOKENS.UnitOfWork]).inSingletonScope();
  bind(ORDER_QUERIES.SearchOrders).toResolvedValue((u: UnitOfWork) => new uc.SearchOrders(u), [TOKENS.UnitOfWork]).inSingletonScope();
  bind(ORDER_QUERIES.GetOrder).toResolvedValue((u: UnitOfWork) => new uc.GetOrder(u), [TOKENS.UnitOfWork]).inSingletonScope();
  bind(ORDER_QUERIES.OrderStatistics).toResolvedValue((u: UnitOfWork) => new uc.OrderStatistics(u), [TOKENS.UnitOfWork]).inSingletonScope();
});
