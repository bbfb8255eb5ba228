import * as payment from '../../application/payment/index.js';
import { PAYMENT_STORE } from '../../application/payment/store.js';
import { paymentRoutes } from '../http/express/payment/index.js';
import { memoryPaymentStore } from '../persistence/memory/payment/repositories.js';
import { useCaseToken } from './compose.js';
import { baseDeps, defineContext, exposed, memoryStore, provide, type Wiring } from './module.js';
import { TOKENS } from './tokens.js';

/** What payment reads of `createZhongtai({ ordering })` (see `OrderingModuleOptions`). */
interface PaymentOptions {
  readonly channels?: readonly payment.PaymentChannelSetting[];
  readonly paymentTimeoutMs?: number;
}

const optionsOf = (w: Wiring): PaymentOptions => (w.options.ordering ?? {}) as PaymentOptions;

/**
 * What a channel made by a factory (the fake one) calls back through: this zhongtai's own callback and
 * payment lookup, resolved when called, as a real channel calls the callback route.
 */
function hostOf(w: Wiring): payment.PaymentChannelHost {
  const useCase = <U>(name: string): U => w.get(useCaseToken('payment', 'payments', name)) as unknown as U;
  return {
    handleCallback: (cmd) => useCase<payment.HandlePaymentCallback>('handleCallback').execute(cmd),
    findPayment: (cmd) => useCase<payment.FindPayment>('find').execute(cmd),
  };
}

/**
 * 支付中心 (spec §10): payments for one order or combined over several, signed channel callbacks (PAY-1),
 * expiry (PAY-2), late and cancellation refunds through the channel. Reaches orders through ordering's
 * published services. Options: `createZhongtai({ ordering: { channels, paymentTimeoutMs } })`;
 * service orders' verification codes come from ordering (`TOKENS.VerificationCodes`).
 */
export const paymentContext = defineContext({
  name: 'payment',
  deps: (w): payment.PaymentDeps => {
    const o = optionsOf(w);
    return {
      ...baseDeps(w),
      channels: w.get(TOKENS.PaymentChannels),
      codes: w.get(TOKENS.VerificationCodes),
      ...(o.paymentTimeoutMs ? { paymentTimeoutMs: o.paymentTimeoutMs } : {}),
    };
  },
  facades: {
    /** Payments (spec §10): open one for one or several orders, channel callbacks (PAY-1), expiry (PAY-2), refunds through the channel. */
    payments: {
      pay: (d) => new payment.PayOrders(d),
      handleCallback: (d) => new payment.HandlePaymentCallback(d),
      /** A channel's refund notification (退款通知): acknowledges the refund once, or asks the channel again. */
      handleRefundCallback: (d) => new payment.HandleRefundCallback(d),
      /** PAY-2 for one payment (what the `payment.expire` job runs). */
      expire: (d) => new payment.ExpirePayment(d),
      /** What the `payment.refund-late` job runs. */
      refundLate: (d) => new payment.RefundLateCallback(d),
      /** What the `payment.channel-close` job runs: PAY-2 at the channel. */
      closeAtChannel: (d) => new payment.CloseAtChannel(d),
      /** What the `payment.channel-refund` job runs (also `zt.fulfilment.refundThroughChannel`). */
      refundThroughChannel: (d) => new payment.RefundThroughChannel(d),
      /** A payment by its number, as stored. */
      find: (d) => new payment.FindPayment(d),
      /** Staff: payments by number, order, member, status, channel and time opened. */
      search: (d) => new payment.SearchPayments(d),
      /** Staff: one payment by id, whole (orders, success, refunds, late money). */
      get: (d) => new payment.GetPayment(d),
      /** Staff: refunds by time made, order, payment number, channel, and whether the channel confirmed them. */
      searchRefunds: (d) => new payment.SearchRefunds(d),
      /** The channels the shop takes, by name (none unless configured). */
      channels: (d) => exposed(d.channels),
    },
  },
  provides: [provide(TOKENS.PaymentChannels, (w) => payment.makeChannels(optionsOf(w).channels ?? [], hostOf(w)))],
  persistence: {
    memory: [memoryStore(PAYMENT_STORE, memoryPaymentStore)],
    postgresql: async () => (await import('../persistence/mikro-orm/payment/index.js')).paymentPostgres,
  },
  routes: paymentRoutes,
  jobs: (self) => ({
    [payment.PAYMENT_JOB.EXPIRY]: async (job) => {
      const { notBefore } = await self.payments.expire({ paymentId: String(job.payload.paymentId) });
      return notBefore ? { notBefore } : undefined;
    },
    [payment.PAYMENT_JOB.CHANNEL_CLOSE]: async (job) => {
      await self.payments.closeAtChannel({ paymentId: String(job.payload.paymentId) });
    },
    [payment.PAYMENT_JOB.LATE_REFUND]: async (job) => {
      await self.payments.refundLate({
        paymentId: String(job.payload.paymentId),
        channel: String(job.payload.channel),
        channelTransactionId: String(job.payload.channelTransactionId),
      });
    },
    [payment.PAYMENT_JOB.CHANNEL_REFUND]: async (job) => {
      await self.payments.refundThroughChannel({ paymentId: String(job.payload.paymentId), refundId: String(job.payload.refundId) });
    },
  }),
});
