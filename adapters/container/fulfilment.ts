import * as fulfilment from '../../application/fulfilment/index.js';
import { RefundThroughChannel } from '../../application/payment/index.js';
import type { CarrierInterception, FulfilmentProgress, WarehouseInterception } from '../../domain/ordering/index.js';
import { fulfilmentRoutes } from '../http/express/fulfilment/index.js';
import { FakeCarrierInterception, FakeWarehouseInterception, StatusFulfilmentProgress } from '../logistics/fulfilment/fake-interception.js';
import { baseDeps, defineContext, type Wiring } from './module.js';
import { TOKENS } from './tokens.js';

/** `createZhongtai({ fulfilment })`. */
export interface FulfilmentModuleOptions {
  /** Days from shipping to the automatic receipt confirmation (default 10). */
  readonly autoConfirmAfterDays?: number;
  /** How far fulfilment went with an order, for ORD-6 (default: derived from the order's status). */
  readonly progress?: FulfilmentProgress;
  /** The warehouse's interception (default: a fake that always succeeds). */
  readonly warehouse?: WarehouseInterception;
  /** The carrier's interception (default: a fake that always succeeds). */
  readonly carrier?: CarrierInterception;
}

const optionsOf = (w: Wiring): FulfilmentModuleOptions => (w.options.fulfilment ?? {}) as FulfilmentModuleOptions;

/**
 * 履约 (issue #6 item 5): shipping, receipt (by the member or automatic), redemption of service orders,
 * cancellation after payment by stage (ORD-6). Moves orders through ordering's published services and
 * refunds through payment's.
 */
export const fulfilmentContext = defineContext({
  name: 'fulfilment',
  deps: (w): fulfilment.FulfilmentDeps => {
    const o = optionsOf(w);
    return {
      ...baseDeps(w),
      ...(o.autoConfirmAfterDays !== undefined ? { autoConfirmAfterDays: o.autoConfirmAfterDays } : {}),
      progress: o.progress ?? new StatusFulfilmentProgress(),
      warehouse: o.warehouse ?? new FakeWarehouseInterception(),
      carrier: o.carrier ?? new FakeCarrierInterception(),
      channels: w.get(TOKENS.PaymentChannels),
    };
  },
  facades: {
    /** Fulfilment: ship, confirm receipt (member or automatic), redeem a service order's code, cancel after payment (ORD-6). */
    fulfilment: {
      ship: (d) => new fulfilment.ShipOrder(d),
      /** The member's own shipped order (another member's is ORDER.NOT_FOUND). */
      confirmReceipt: (d) => new fulfilment.ConfirmReceipt(d),
      /** What the `order.auto-confirm` job runs. */
      autoConfirm: (d) => new fulfilment.AutoConfirmReceipt(d),
      redeem: (d) => new fulfilment.RedeemVerificationCode(d),
      /** ORD-6: a paid order, by staff or its member, as far as fulfilment allows. */
      cancelPaid: (d) => new fulfilment.CancelPaidOrder(d),
      /** The refund of a cancelled paid order through the channel (payment's use case, what its `payment.channel-refund` job runs). */
      refundThroughChannel: (d) => new RefundThroughChannel(d),
    },
  },
  routes: fulfilmentRoutes,
  jobs: (self) => ({
    [fulfilment.FULFILMENT_JOB.AUTO_CONFIRM]: async (job) => {
      const { notBefore } = await self.fulfilment.autoConfirm({ orderId: String(job.payload.orderId) });
      // Run early (clocks apart): the runner runs it again at that moment (issue #13: one way for every timer).
      return notBefore ? { notBefore } : undefined;
    },
  }),
});
