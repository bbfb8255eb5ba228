import * as ordering from '../../application/ordering/index.js';
import { ORDERING_STORE } from '../../application/ordering/store.js';
import type { PaymentChannelSetting } from '../../application/payment/index.js';
import type { VerificationCodes } from '../../domain/ordering/index.js';
import type { RiskControl } from '../../domain/risk/index.js';
import { seedOrderDemo } from '../demo/ordering.js';
import { orderingRoutes } from '../http/express/ordering/index.js';
import { memoryOrderingStore } from '../persistence/memory/ordering/orders.js';
import { randomVerificationCodes } from '../system/ordering/verification-codes.js';
import { baseDeps, defineContext, memoryStore, provide, type Wiring } from './module.js';
import { TOKENS } from './tokens.js';

/**
 * `createZhongtai({ ordering })`: what ordering and its neighbours read — ORD-3's timeout here, the
 * channels, codes and PAY-2's timeout in the payment context, risk control in the risk context.
 */
export interface OrderingModuleOptions {
  /** Risk control at placement (default: a blacklist, empty); `createZhongtai({ risk })` does the same. */
  readonly risk?: RiskControl;
  /**
   * The channels the shop takes: adapters, or factories that get the host's callback use case (the fake
   * one: `fakePaymentChannel()`). Default none: paying answers 422 PAYMENT.NO_CHANNEL_CONFIGURED (decision 0019).
   */
  readonly channels?: readonly PaymentChannelSetting[];
  /** Service orders' verification codes (default: 12 random digits). */
  readonly codes?: VerificationCodes;
  /** ORD-3 (default 30 minutes). */
  readonly unpaidTimeoutMs?: number;
  /** PAY-2 (default 15 minutes, never past the orders' time to pay). */
  readonly paymentTimeoutMs?: number;
}

const orderingOptionsOf = (w: Wiring): OrderingModuleOptions => (w.options.ordering ?? {}) as OrderingModuleOptions;

/**
 * 订单中心 (spec §8, issue #6): placing in one transaction (checkout's preview, risk control, the order and
 * its split, what it holds), cancelling before payment, ORD-3's timeout, and the read side.
 */
export const orderingContext = defineContext({
  name: 'ordering',
  deps: (w): ordering.OrderingDeps => {
    const { unpaidTimeoutMs } = orderingOptionsOf(w);
    return { ...baseDeps(w), preview: w.get(TOKENS.CheckoutPreview), risk: w.get(TOKENS.RiskControl), ...(unpaidTimeoutMs ? { unpaidTimeoutMs } : {}) };
  },
  facades: {
    /** Placing and cancelling orders: one transaction each; the ORD-3 timeout runs as a durable job. */
    orders: {
      place: (d) => new ordering.PlaceOrder(d),
      /** Before payment (the member's own order; a split parent cancels its unpaid children). */
      cancel: (d) => new ordering.CancelUnpaidOrder(d),
      /** ORD-3 for one order (what the `order.payment-timeout` job runs). */
      expireUnpaid: (d) => new ordering.ExpireUnpaidOrder(d),
    },
    /** The read side (订单查询): a member's orders and their details, staff search and details, period statistics. */
    orderQueries: {
      /** 我的订单: the member's leaf orders, newest first, optionally of one status, paginated. */
      list: (d) => new ordering.ListMemberOrders(d),
      /** One of the member's own orders (another member's is ORDER.NOT_FOUND). */
      get: (d) => new ordering.GetMemberOrder(d),
      /** Staff search by number, member, status, shop, placing time. */
      search: (d) => new ordering.SearchOrders(d),
      /** Any order, for staff. */
      staffGet: (d) => new ordering.GetOrder(d),
      /** GMV, orders, average order value, ordering / paying / new / returning members of a period. */
      statistics: (d) => new ordering.OrderStatistics(d),
    },
  },
  provides: [provide(TOKENS.VerificationCodes, (w) => orderingOptionsOf(w).codes ?? randomVerificationCodes)],
  persistence: {
    memory: [memoryStore(ORDERING_STORE, memoryOrderingStore)],
    postgresql: async () => (await import('../persistence/mikro-orm/ordering/index.js')).orderingPostgres,
  },
  routes: orderingRoutes,
  jobs: (self) => ({
    [ordering.ORDERING_JOB.PAYMENT_TIMEOUT]: async (job) => {
      const { notBefore } = await self.orders.expireUnpaid({ orderId: String(job.payload.orderId) });
      return notBefore ? { notBefore } : undefined;
    },
  }),
  demo: (zt) => seedOrderDemo(zt),
});
