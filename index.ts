/**
 * zhongtai: the domain, the use cases, and `createZhongtai()` to get them ready to call — with every
 * context's manifest (`CONTEXTS`, `catalogContext` …), `defineContext` for a host's own, and each facade's type.
 * Adapters live in subpaths: `zhongtai/memory`, `zhongtai/mikro-orm`, `zhongtai/express`.
 */
export * from './domain/index.js';
export * from './application/index.js';
export * as pricing from './domain/pricing/index.js';
export {
  createZhongtai,
  CONTEXTS,
  defineContext,
  baseDeps,
  exposed,
  memoryReadModel,
  memoryStore,
  provide,
  cartContext,
  catalogContext,
  checkoutContext,
  couponContext,
  crossborderContext,
  dispatchContext,
  freightContext,
  fulfilmentContext,
  inventoryContext,
  membershipContext,
  orderingContext,
  paymentContext,
  promotionContext,
  riskContext,
  type Zhongtai,
  type ZhongtaiOf,
  type ZhongtaiCore,
  type ZhongtaiOptions,
  type JobsFacade,
  type AnyContext,
  type ContextManifest,
  type Wiring,
  type BaseDeps,
  type CatalogFacade,
  type InventoryFacade,
  type DispatchFacade,
  type CouponFacade,
  type PromotionFacade,
  type FreightFacade,
  type CartFacade,
  type MembershipFacade,
  type CheckoutFacade,
  type OrdersFacade,
  type OrderQueryFacade,
  type PaymentsFacade,
  type FulfilmentFacade,
} from './adapters/container/index.js';
