// zhongtai/container: the composition root — createZhongtai, every context's manifest, the facade types
// derived from them, and what a host needs to write a context of its own (docs/adding-a-context.md).
export * from './create-zhongtai.js';
export * from './tokens.js';
export * from './shared-module.js';
export { CONTEXTS } from './contexts.js';
export { defineContext, baseDeps, exposed, memoryReadModel, memoryStore, provide } from './module.js';
export type {
  AnyContext,
  BaseDeps,
  ContextFacades,
  ContextManifest,
  Exposed,
  FacadeOf,
  FacadesOf,
  MemoryReadModelBinding,
  MemoryStoreBinding,
  Provision,
  UseCase,
  UseCaseFactories,
  Wiring,
} from './module.js';
export { contextModule, composeContexts, depsToken, useCaseToken } from './compose.js';
// The manifests, one per bounded context, with the options each takes from createZhongtai.
export { cartContext, type CartModuleOptions } from './cart.js';
export { catalogContext, type CatalogDeps } from './catalog.js';
export { checkoutContext, type CheckoutModuleOptions } from './checkout.js';
export { couponContext, CUSTOMER_HISTORY, mathRandom, noOrdersYet, type CouponModuleOptions } from './coupon.js';
export { crossborderContext } from './crossborder.js';
export { dispatchContext } from './dispatch.js';
export { freightContext } from './freight.js';
export { fulfilmentContext, type FulfilmentModuleOptions } from './fulfilment.js';
export { afterSalesContext } from './after-sales.js';
export { invoiceContext, type InvoiceModuleOptions } from './invoice.js';
export { financeContext } from './finance.js';
export { inventoryContext } from './inventory.js';
export { membershipContext } from './membership.js';
export { orderingContext, type OrderingModuleOptions } from './ordering.js';
export { paymentContext } from './payment.js';
export { promotionContext } from './promotion.js';
export { reconciliationContext, type ReconciliationModuleOptions } from './reconciliation.js';
export { riskContext } from './risk.js';
export {
  fakePaymentChannel,
  fakeTransactionId,
  FakePaymentChannel,
  type FakeBehaviour,
  type FakeCallbackBody,
  type FakeRefundCallbackBody,
  type FakeChannelOptions,
} from '../channels/payment/index.js';
export { fakeInvoicingChannel, FakeInvoicingChannel, type FakeInvoicingOptions } from '../channels/invoicing/fake-invoicing-channel.js';
