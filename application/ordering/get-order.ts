import { orderNotFound } from '../../domain/ordering/errors.js';
import type { OrderDetail } from '../../domain/ordering/queries.js';
import type { OrderingDeps } from './deps.js';
import { checkId } from './query-input.js';
import { ORDERING_STORE } from './store.js';

/** Any order for staff (a split parent too), with its children and timeline. */
export class GetOrder {
  constructor(private readonly deps: Pick<OrderingDeps, 'uow'>) {}

  async execute(cmd: { readonly orderId: string }): Promise<OrderDetail> {
    const orderId = checkId('orderId', cmd.orderId);
    return this.deps.uow.run(async (tx) => {
      const detail = await tx.use(ORDERING_STORE).orderQueries.detail(orderId);
      if (!detail) throw orderNotFound(orderId);
      return detail;
    });
  }
}
