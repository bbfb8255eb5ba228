import { ContainerModule, type ServiceIdentifier } from 'inversify';
import type { PreviewCheckout } from '../../application/checkout/index.js';
import * as ordering from '../../application/ordering/index.js';
import * as payment from '../../application/payment/index.js';
import type { UnitOfWork } from '../../application/shared/unit-of-work.js';
import type { VerificationCodes } from '../../domain/ordering/ports.js';
import type { RiskControl } from '../../domain/risk/ports.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import { randomVerificationCodes } from '../ordering/verification-codes.js';
import { BlacklistRiskControl } from '../risk/blacklist-risk-control.js';
import { TOKENS } from './tokens.js';

const t = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`zhongtai.ordering.${name}`);

export const ORDERING = {
  PlaceOrder: t<ordering.PlaceOrder>('PlaceOrder'),
  CancelUnpaidOrder: t<ordering.CancelUnpaidOrder>('CancelUnpaidOrder'),
  ExpireUnpaidOrder: t<ordering.ExpireUnpaidOrder>('ExpireUnpaidOrder'),
  PayOrders: t<payment.PayOrders>('PayOrders'),
  HandlePaymentCallback: t<payment.HandlePaymentCallback>('HandlePaymentCallback'),
  ExpirePayment: t<payment.ExpirePayment>('ExpirePayment'),
  RefundLateCallback: t<payment.RefundLateCallback>('RefundLateCallback'),
  FindPayment: t<payment.FindPayment>('FindPayment'),
  Channels: t<payment.PaymentChannels>('Channels'),
  Risk: t<RiskControl>('Risk'),
  PaymentDependencies: t<payment.PaymentDependencies>('PaymentDependencies'),
} as const;

export interface OrderingModuleOptions {
  /** Risk control at placement (default: a blacklist, empty). */
  readonly risk?: RiskControl;
  /**
   * The channels the shop takes: adapters, or factories that get the host's callback use case (the fake
   * one: `fakePaymentChannel()`). Default none: paying answers 422 PAYMENT.NO_CHANNEL_CONFIGURED (decision 0019).
   */
  readonly channels?: readonly payment.PaymentChannelSetting[];
  /** Service orders' verification codes (default: 12 random digits). */
  readonly codes?: VerificationCodes;
  /** ORD-3 (default 30 minutes). */
  readonly unpaidTimeoutMs?: number;
  /** PAY-2 (default 15 minutes, never past the orders' time to pay). */
  readonly paymentTimeoutMs?: number;
}

/** Placing, cancelling and paying orders (issue #6), with their timers' handlers; channel factories are made with `host`. */
export function orderingModule(options: OrderingModuleOptions, host: payment.PaymentChannelHost): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(ORDERING.Risk).toConstantValue(options.risk ?? new BlacklistRiskControl());
    bind(ORDERING.Channels).toResolvedValue(() => payment.makeChannels(options.channels ?? [], host)).inSingletonScope();
    const orderDeps = [TOKENS.UnitOfWork, TOKENS.Clock, TOKENS.IdGenerator] as const;
    bind(ORDERING.PlaceOrder)
      .toResolvedValue(
        (uow: UnitOfWork, clock: Clock, ids: IdGenerator, preview: PreviewCheckout, risk: RiskControl) =>
          new ordering.PlaceOrder({ uow, clock, ids, preview, risk, ...(options.unpaidTimeoutMs ? { unpaidTimeoutMs: options.unpaidTimeoutMs } : {}) }),
        [...orderDeps, TOKENS.CheckoutPreview, ORDERING.Risk],
      )
      .inSingletonScope();
    bind(ORDERING.CancelUnpaidOrder).toResolvedValue((uow: UnitOfWork, clock: Clock, ids: IdGenerator) => new ordering.CancelUnpaidOrder({ uow, clock, ids }), [...orderDeps]).inSingletonScope();
    bind(ORDERING.ExpireUnpaidOrder).toResolvedValue((uow: UnitOfWork, clock: Clock, ids: IdGenerator) => new ordering.ExpireUnpaidOrder({ uow, clock, ids }), [...orderDeps]).inSingletonScope();
    bind(ORDERING.PaymentDependencies)
      .toResolvedValue(
        (uow: UnitOfWork, clock: Clock, ids: IdGenerator, channels: payment.PaymentChannels): payment.PaymentDependencies => ({
          uow, clock, ids, channels, codes: options.codes ?? randomVerificationCodes, ...(options.paymentTimeoutMs ? { paymentTimeoutMs: options.paymentTimeoutMs } : {}),
        }),
        [...orderDeps, ORDERING.Channels],
      )
      .inSingletonScope();
    bind(ORDERING.PayOrders).toResolvedValue((d: payment.PaymentDependencies) => new payment.PayOrders(d), [ORDERING.PaymentDependencies]).inSingletonScope();
    bind(ORDERING.HandlePaymentCallback).toResolvedValue((d: payment.PaymentDependencies) => new payment.HandlePaymentCallback(d), [ORDERING.PaymentDependencies]).inSingletonScope();
    bind(ORDERING.ExpirePayment).toResolvedValue((d: payment.PaymentDependencies) => new payment.ExpirePayment(d), [ORDERING.PaymentDependencies]).inSingletonScope();
    bind(ORDERING.RefundLateCallback).toResolvedValue((d: payment.PaymentDependencies) => new payment.RefundLateCallback(d), [ORDERING.PaymentDependencies]).inSingletonScope();
    bind(ORDERING.FindPayment).toResolvedValue((uow: UnitOfWork) => new payment.FindPayment(uow), [TOKENS.UnitOfWork]).inSingletonScope();
  });
}
