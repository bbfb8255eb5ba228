import { orderPeriod, type OrderPeriod, type OrderPeriodStatistics } from '../../domain/ordering/queries.js';
import type { UnitsSold } from '../../domain/ordering/units-sold.js';
import type { Transaction } from '../shared/unit-of-work.js';
import type { OrderingDeps } from './deps.js';
import { ORDERING_STORE } from './store.js';

/**
 * Statistics of the orders placed in [from, to) (spec §8): orders, paid orders, GMV, average order
 * value, ordering and paying members, new vs returning paying members over 365 days. The period ends
 * after it starts and is at most 366 days long, else `ORDER.INVALID_QUERY`.
 */
export class OrderStatistics {
  constructor(private readonly deps: Pick<OrderingDeps, 'uow'>) {}

  async execute(cmd: { readonly from: Date; readonly to: Date }): Promise<OrderPeriodStatistics> {
    const period = orderPeriod(cmd.from, cmd.to);
    return this.deps.uow.run((tx) => tx.use(ORDERING_STORE).orderQueries.statistics(period));
  }
}

/** Ordering's published read (after-sales' statistics): units sold in a period per SKU and shop (`computeUnitsSold`). */
export function unitsSold(tx: Transaction, period: OrderPeriod): Promise<UnitsSold[]> {
  return tx.use(ORDERING_STORE).orderQueries.unitsSold(period);
}
