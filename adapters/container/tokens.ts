import type { ServiceIdentifier } from 'inversify';
import type { CheckoutPoints, PreviewCheckout } from '../../application/checkout/index.js';
import type { OrderStockLocks } from '../../application/inventory/index.js';
import type { Persistence } from '../../application/shared/persistence.js';
import type { EventPublisher, UnitOfWork } from '../../application/shared/unit-of-work.js';
import type { InProcessEventBus } from '../../application/shared/event-bus.js';
import type { ProductShops } from '../../domain/cart/ports.js';
import type { CustomerHistory } from '../../domain/coupon/index.js';
import type { PaymentChannels } from '../../application/payment/index.js';
import type { RiskControl } from '../../domain/risk/index.js';
import type { VerificationCodes } from '../../domain/ordering/index.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';

const token = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`zhongtai.${name}`);

/** Service identifiers of the composition root. Domain and application code never sees these. */
export const TOKENS = {
  Clock: token<Clock>('Clock'),
  IdGenerator: token<IdGenerator>('IdGenerator'),
  EventBus: token<InProcessEventBus>('EventBus'),
  EventPublisher: token<EventPublisher>('EventPublisher'),
  Persistence: token<Persistence>('Persistence'),
  UnitOfWork: token<UnitOfWork>('UnitOfWork'),
  OrderStockLocks: token<OrderStockLocks>('OrderStockLocks'),
  /** The cart's shop policy (decision 0014), provided by the cart's module; checkout prices with the same shops. */
  ProductShops: token<ProductShops>('cart.ProductShops'),
  /** Who counts as a new customer, provided by the coupon context's module (`CUSTOMER_HISTORY`); checkout's audiences use it too. */
  CustomerHistory: token<CustomerHistory>('coupon.CustomerHistory'),
  /** The member's points and the spending rule at checkout, provided by the membership module. */
  CheckoutPoints: token<CheckoutPoints>('membership.CheckoutPoints'),
  /** The checkout preview, provided by the checkout module: placing an order prices with it, in its own transaction. */
  CheckoutPreview: token<PreviewCheckout>('checkout.PreviewCheckout'),
  /** The risk-control port (风控, spec §16), provided by the risk module; ordering asks it at placement. */
  RiskControl: token<RiskControl>('risk.RiskControl'),
  /** Service orders' verification codes (核销码), provided by the ordering module (its port); paying a service order draws one. */
  VerificationCodes: token<VerificationCodes>('ordering.VerificationCodes'),
  /** The payment channels the shop takes, provided by the payment module; fulfilment refunds through them. */
  PaymentChannels: token<PaymentChannels>('payment.Channels'),
} as const;
