import { memberRejection } from '../../domain/ordering/order.js';
import { orderNotFound } from '../../domain/ordering/errors.js';
import {
  checkPlacedWindow, checkStatusFilter, invalidQuery, orderPageRequest, orderPeriod,
  type OrderDetail, type OrderPage, type OrderPageRequest, type OrderPeriodStatistics, type OrderSearch,
} from '../../domain/ordering/queries.js';
import type { OrderStatus } from '../../domain/ordering/status.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';

/** What the caller names an order, member or shop by (an id, an order number): a non-empty string of at most 64 characters. */
function checkId(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > 64) throw invalidQuery(field, 'INVALID_ID', `${field} is 1 to 64 characters`);
  return value;
}

function optionalId(field: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : checkId(field, value);
}

/** 我的订单: the member's orders as they see them (unsplit orders and child orders), newest first, optionally of one status. */
export class ListMemberOrders {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(cmd: { readonly memberId: string; readonly status?: OrderStatus; readonly page?: number; readonly pageSize?: number }): Promise<OrderPage> {
    const memberId = checkId('memberId', cmd.memberId);
    const status = checkStatusFilter(cmd.status);
    const page = orderPageRequest(cmd.page, cmd.pageSize);
    return this.uow.run((tx) => tx.orderQueries.memberOrders(memberId, { ...page, ...(status ? { status } : {}) }));
  }
}

/** One of the member's own orders with its children and timeline. Another member's order is `ORDER.NOT_FOUND`: it is never visible to them. */
export class GetMemberOrder {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(cmd: { readonly memberId: string; readonly orderId: string }): Promise<OrderDetail> {
    const memberId = checkId('memberId', cmd.memberId);
    const orderId = checkId('orderId', cmd.orderId);
    return this.uow.run(async (tx) => {
      const detail = await tx.orderQueries.detail(orderId);
      if (!detail) throw orderNotFound(orderId);
      const rejection = memberRejection(detail, memberId);
      if (rejection) throw rejection;
      return detail;
    });
  }
}

/** Staff search (订单查询) over leaf orders by number (its own or its split parent's), member, status, shop and placing time, newest first. */
export class SearchOrders {
  constructor(private readonly uow: UnitOfWork) {}

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
    return this.uow.run((tx) => tx.orderQueries.search(search));
  }
}

/** Any order for staff (a split parent too), with its children and timeline. */
export class GetOrder {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(cmd: { readonly orderId: string }): Promise<OrderDetail> {
    const orderId = checkId('orderId', cmd.orderId);
    return this.uow.run(async (tx) => {
      const detail = await tx.orderQueries.detail(orderId);
      if (!detail) throw orderNotFound(orderId);
      return detail;
    });
  }
}

/**
 * Statistics of the orders placed in [from, to) (spec §8): orders, paid orders, GMV, average order
 * value, ordering and paying members, new vs returning paying members over 365 days. The period ends
 * after it starts and is at most 366 days long, else `ORDER.INVALID_QUERY`.
 */
export class OrderStatistics {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(cmd: { readonly from: Date; readonly to: Date }): Promise<OrderPeriodStatistics> {
    const period = orderPeriod(cmd.from, cmd.to);
    return this.uow.run((tx) => tx.orderQueries.statistics(period));
  }
}
