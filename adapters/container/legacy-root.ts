import type { Container } from 'inversify';
import { JOB } from '../../application/ordering/order-resources.js';
import type { JobRunner } from '../../application/shared/job-runner.js';
import { FULFILMENT } from './fulfilment-module.js';
import type {
  FulfilmentFacade, LegacyFacades, OrderQueryFacade, OrdersFacade, PaymentsFacade,
} from './legacy-facade-types.js';
import { ORDER_QUERIES } from './order-query-module.js';
import { ORDERING } from './ordering-module.js';
import { TOKENS } from './tokens.js';

/**
 * The facades of the contexts not yet moved into modules (issue #13), from their container modules,
 * and the handlers of the jobs they schedule. Each context's move takes its part out of here.
 */
export function legacyFacades(container: Container, jobRunner: JobRunner): LegacyFacades {
  const run = <T extends { execute: (...args: never[]) => unknown }>(id: symbol | import('inversify').ServiceIdentifier<T>): T['execute'] => {
    const useCase = container.get<T>(id as import('inversify').ServiceIdentifier<T>);
    return useCase.execute.bind(useCase) as T['execute'];
  };
  const orderQueries: OrderQueryFacade = {
    list: run(ORDER_QUERIES.ListMemberOrders),
    get: run(ORDER_QUERIES.GetMemberOrder),
    search: run(ORDER_QUERIES.SearchOrders),
    staffGet: run(ORDER_QUERIES.GetOrder),
    statistics: run(ORDER_QUERIES.OrderStatistics),
  };
  const orders: OrdersFacade = { place: run(ORDERING.PlaceOrder), cancel: run(ORDERING.CancelUnpaidOrder), expireUnpaid: run(ORDERING.ExpireUnpaidOrder) };
  const payments: PaymentsFacade = {
    pay: run(ORDERING.PayOrders), handleCallback: run(ORDERING.HandlePaymentCallback), expire: run(ORDERING.ExpirePayment),
    refundLate: run(ORDERING.RefundLateCallback), find: run(ORDERING.FindPayment), channels: container.get(ORDERING.Channels),
  };
  // The timers orders and payments schedule (decision 0017).
  jobRunner.register(JOB.PAYMENT_TIMEOUT, async (job) => void (await orders.expireUnpaid({ orderId: String(job.payload.orderId) })));
  jobRunner.register(JOB.PAYMENT_EXPIRY, async (job) => void (await payments.expire({ paymentId: String(job.payload.paymentId) })));
  jobRunner.register(JOB.LATE_REFUND, async (job) => {
    await payments.refundLate({ paymentId: String(job.payload.paymentId), channel: String(job.payload.channel), channelTransactionId: String(job.payload.channelTransactionId) });
  });
  const F = FULFILMENT;
  const fulfilment: FulfilmentFacade = {
    ship: run(F.ShipOrder), confirmReceipt: run(F.ConfirmReceipt), autoConfirm: run(F.AutoConfirmReceipt), redeem: run(F.RedeemVerificationCode),
    cancelPaid: run(F.CancelPaidOrder), refundThroughChannel: run(F.RefundThroughChannel),
  };
  jobRunner.register(JOB.AUTO_CONFIRM, async (job) => {
    const { notBefore } = await fulfilment.autoConfirm({ orderId: String(job.payload.orderId) });
    // Run early (clocks apart): the runner runs it again at that moment (issue #13: one way for every timer).
    return notBefore ? { notBefore } : undefined;
  });
  jobRunner.register(JOB.CHANNEL_REFUND, async (job) => {
    await fulfilment.refundThroughChannel({ paymentId: String(job.payload.paymentId), refundId: String(job.payload.refundId) });
  });
  return { orderQueries, orders, payments, fulfilment };
}
