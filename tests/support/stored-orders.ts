/**
 * Orders written straight through the transaction's repositories — no catalog, stock, pricing or payment
 * channel — for the contexts that only need to find an order and see where it stands (a group buy
 * checks whose order it is, whether it awaits payment or is paid, and what it holds).
 */
import type { Zhongtai } from '../../adapters/container/create-zhongtai.js';
import type { Transaction } from '../../application/shared/unit-of-work.js';
import { Order } from '../../domain/ordering/order.js';
import { aLine, COMMON, fixedCodes, newOrder } from '../domain/ordering/order-mothers.js';
import { ORDERING_STORE } from '../../application/ordering/store.js';

export function storedOrders(zt: Pick<Zhongtai, 'persistence' | 'events' | 'clock'>) {
  const run = <T>(work: (tx: Transaction) => Promise<T>) => zt.persistence.unitOfWork(zt.events).run(work);
  const codes = fixedCodes();

  async function update(id: string, change: (o: Order, at: Date) => void): Promise<void> {
    await run(async (tx) => {
      const o = await tx.use(ORDERING_STORE).orders.get(id);
      if (!o) throw new Error(`no order ${id}`);
      change(o, zt.clock.now());
      await tx.use(ORDERING_STORE).orders.save(o);
    });
  }

  return {
    /** An unpaid goods order `id` of `memberId`: one line of 1 × 100.00 per SKU, in shop `self` (products `spu-<sku>` unless named). */
    async unpaid(id: string, memberId: string, skuIds: readonly string[], spuOf: (skuId: string) => string = (skuId) => `spu-${skuId}`): Promise<void> {
      const at = zt.clock.now();
      const order = Order.place(
        newOrder({
          id,
          number: `SO-${id}`,
          common: { ...COMMON, memberId },
          lines: skuIds.map((skuId, i) => aLine(`L${i + 1}`, '100.00', 1, { skuId, spuId: spuOf(skuId), shopId: 'self' })),
          placedAt: at,
          payBy: new Date(at.getTime() + 30 * 60_000),
        }),
      );
      await run((tx) => tx.use(ORDERING_STORE).orders.save(order));
    },
    /** The order was paid (as the payment context does on a channel's success). */
    pay: (id: string) => update(id, (o, at) => o.pay({ paymentId: `pay-${id}`, at, codes })),
    /** The member cancelled it before paying. */
    cancel: (id: string) => update(id, (o, at) => o.cancel({ by: 'member', memberId: o.memberId, at })),
  };
}
