import { Container } from 'inversify';
import type { CatalogQueries } from '../../domain/catalog/ports.js';
import { InProcessEventBus } from '../../application/shared/event-bus.js';
import { JobRunner, type JobHandler, type JobRunnerOptions, type JobRunResult } from '../../application/shared/job-runner.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { systemClock, type Clock, type IdGenerator } from '../../domain/shared/ports.js';
import { memoryPersistence } from '../persistence/memory/index.js';
import { UuidV7Generator } from '../system/uuid-v7.js';
import { CATALOG, catalogModule } from './catalog-module.js';
import { DISPATCH, dispatchModule } from './dispatch-module.js';
import { COUPON, couponModule, type CouponModuleOptions } from './coupon-module.js';
import { INVENTORY, inventoryModule } from './inventory-module.js';
import { PROMOTION, promotionModule } from './promotion-module.js';
import { CART, cartModule, type CartModuleOptions } from './cart-module.js';
import { FREIGHT, freightModule } from './freight-module.js';
import { CHECKOUT, checkoutModule, type CheckoutModuleOptions } from './checkout-module.js';
import { persistenceModule, sharedModule } from './shared-module.js';
import { TOKENS } from './tokens.js';
import { MEMBERSHIP, membershipModule } from './membership-module.js';
import { ORDER_QUERIES, orderQueryModule } from './order-query-module.js';
import { ORDERING, orderingModule, type OrderingModuleOptions } from './ordering-module.js';
import { FULFILMENT, fulfilmentModule, type FulfilmentModuleOptions } from './fulfilment-module.js';
import { JOB } from '../../application/ordering/order-resources.js';
import type { PaymentChannels } from '../../application/payment/channels.js';

export interface ZhongtaiOptions {
  /** Defaults to in-memory persistence. Use `mikroOrmPersistence()` from `zhongtai/mikro-orm` for PostgreSQL. */
  readonly persistence?: Persistence;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Called when an event handler throws; the default writes to stderr. */
  readonly onEventError?: (error: unknown, event: { type: string }) => void;
  /** Coupons: the random source of random-amount coupons, and who counts as a new customer (default: everyone, no orders yet). */
  readonly coupons?: CouponModuleOptions;
  /** Cart: which shop sells a product and purchase limits (default: decision 0014), guest cart ids. */
  readonly cart?: CartModuleOptions;
  /** Checkout: the member's points and spending rule (default: none until membership binds its ledger). */
  readonly checkout?: CheckoutModuleOptions;
  /** Orders and payments: risk control, payment channels (default none; the fake one only by name: `fakePaymentChannel()`), verification codes, ORD-3 and PAY-2 timeouts. */
  readonly ordering?: OrderingModuleOptions;
  /** Fulfilment: days to the automatic receipt confirmation, the fulfilment stage and the warehouse and carrier interceptions (default: fakes). */
  readonly fulfilment?: FulfilmentModuleOptions;
  /** Durable jobs: batch, lease, backoff, and `onError` (default: stderr) for failed runs (decision 0017). */
  readonly jobs?: JobRunnerOptions;
}

type Bound<T extends { execute: (...args: never[]) => unknown }> = T['execute'];

/** The use cases of the catalog, ready to call. */
export interface CatalogFacade {
  createCategory: Bound<import('../../application/catalog/index.js').CreateCategory>;
  updateCategory: Bound<import('../../application/catalog/index.js').UpdateCategory>;
  deleteCategory: Bound<import('../../application/catalog/index.js').DeleteCategory>;
  createBrand: Bound<import('../../application/catalog/index.js').CreateBrand>;
  updateBrand: Bound<import('../../application/catalog/index.js').UpdateBrand>;
  createFrontCategory: Bound<import('../../application/catalog/index.js').CreateFrontCategory>;
  updateFrontCategory: Bound<import('../../application/catalog/index.js').UpdateFrontCategory>;
  deleteFrontCategory: Bound<import('../../application/catalog/index.js').DeleteFrontCategory>;
  createSpu: Bound<import('../../application/catalog/index.js').CreateSpu>;
  createComboSpu: Bound<import('../../application/catalog/index.js').CreateComboSpu>;
  updateSpu: Bound<import('../../application/catalog/index.js').UpdateSpu>;
  changeSkuPrice: Bound<import('../../application/catalog/index.js').ChangeSkuPrice>;
  changeListing: Bound<import('../../application/catalog/index.js').ChangeListing>;
  applyDueListingSchedules: Bound<import('../../application/catalog/index.js').ApplyDueListingSchedules>;
  /** Read side: product detail, search, category tree, brands, front categories. */
  queries: CatalogQueries;
}

/** The use cases of inventory: the sales layer, and the flows over the dispatch and warehouse layers. */
export interface InventoryFacade {
  configureStock: Bound<import('../../application/inventory/index.js').ConfigureStock>;
  changeStock: Bound<import('../../application/inventory/index.js').ChangeStock>;
  changeOrderStock: Bound<import('../../application/inventory/index.js').ChangeOrderStock>;
  checkStockConsistency: Bound<import('../../application/inventory/index.js').CheckStockConsistency>;
  /** INV-4 repair, trusting the counters (correction movements) or the ledger (counters reset). */
  repairStockConsistency: Bound<import('../../application/inventory/index.js').RepairStockConsistency>;
  /** INV-4 repair of every layer, trusting the counters (correction movements). */
  repairLayeredStockConsistency: Bound<import('../../application/inventory/index.js').RepairLayeredStockConsistency>;
  viewStock: Bound<import('../../application/inventory/index.js').ViewStock>;
  /** 采购在途 (dispatch layer in-transit). */
  recordPurchaseInTransit: Bound<import('../../application/inventory/index.js').RecordPurchaseInTransit>;
  /** 采购入库 at a location: warehouse, dispatch and sales layers. */
  receivePurchase: Bound<import('../../application/inventory/index.js').ReceivePurchase>;
  /** 调拨出库: out of a location of one warehouse, in transit to another. */
  transferStock: Bound<import('../../application/inventory/index.js').TransferStock>;
  /** 调拨入库 at a location of the target. */
  receiveTransfer: Bound<import('../../application/inventory/index.js').ReceiveTransfer>;
  markDamaged: Bound<import('../../application/inventory/index.js').MarkDamaged>;
  writeOffDamaged: Bound<import('../../application/inventory/index.js').WriteOffDamaged>;
  moveStock: Bound<import('../../application/inventory/index.js').MoveStock>;
  /** 盘盈盘亏 at a location, in every layer. */
  takeStock: Bound<import('../../application/inventory/index.js').TakeStock>;
  assignStock: Bound<import('../../application/inventory/index.js').AssignStock>;
  releaseStock: Bound<import('../../application/inventory/index.js').ReleaseStock>;
  pickStock: Bound<import('../../application/inventory/index.js').PickStock>;
  unpickStock: Bound<import('../../application/inventory/index.js').UnpickStock>;
  shipStock: Bound<import('../../application/inventory/index.js').ShipStock>;
  /** A SKU in all three layers with their ledgers. */
  viewLayeredStock: Bound<import('../../application/inventory/index.js').ViewLayeredStock>;
  /** INV-4 in every layer, and dispatch book against the locations. */
  checkLayeredStockConsistency: Bound<import('../../application/inventory/index.js').CheckLayeredStockConsistency>;
}

/** The use cases of dispatch: warehouses and pre-dispatch (DSP-1). */
export interface DispatchFacade {
  createWarehouse: Bound<import('../../application/dispatch/index.js').CreateWarehouse>;
  updateWarehouse: Bound<import('../../application/dispatch/index.js').UpdateWarehouse>;
  listWarehouses: Bound<import('../../application/dispatch/index.js').ListWarehouses>;
  previewDispatch: Bound<import('../../application/dispatch/index.js').PreviewDispatch>;
}

/** The use cases of coupons: templates, claims and issues, a member's coupons through an order's life (CPN-1, CPN-2), statistics. */
export interface CouponFacade {
  createTemplate: Bound<import('../../application/coupon/index.js').CreateCouponTemplate>;
  stopTemplate: Bound<import('../../application/coupon/index.js').StopCouponTemplate>;
  listTemplates: Bound<import('../../application/coupon/index.js').ListCouponTemplates>;
  getTemplate: Bound<import('../../application/coupon/index.js').GetCouponTemplate>;
  statistics: Bound<import('../../application/coupon/index.js').GetCouponStatistics>;
  claim: Bound<import('../../application/coupon/index.js').ClaimCoupon>;
  issue: Bound<import('../../application/coupon/index.js').IssueCoupons>;
  listClaimable: Bound<import('../../application/coupon/index.js').ListClaimableCoupons>;
  lock: Bound<import('../../application/coupon/index.js').LockCoupon>;
  release: Bound<import('../../application/coupon/index.js').ReleaseCoupon>;
  use: Bound<import('../../application/coupon/index.js').UseCoupon>;
  /** CPN-2 on a refund. */
  returnOnRefund: Bound<import('../../application/coupon/index.js').ReturnCoupon>;
  listMemberCoupons: Bound<import('../../application/coupon/index.js').ListMemberCoupons>;
  expire: Bound<import('../../application/coupon/index.js').ExpireCoupons>;
  /** The pricing engine's `coupons` input for a member. */
  forPricing: Bound<import('../../application/coupon/index.js').MemberCouponsForPricing>;
  /** CPN-1. */
  recommend: Bound<import('../../application/coupon/index.js').RecommendCoupon>;
}

/** The use cases of promotions: activities and their review (PRM-2), budgets, group buys (拼团), bargains (砍价), price preview. */
export interface PromotionFacade {
  createActivity: Bound<import('../../application/promotion/index.js').CreateActivity>;
  submitActivity: Bound<import('../../application/promotion/index.js').SubmitActivity>;
  approveActivity: Bound<import('../../application/promotion/index.js').ApproveActivity>;
  rejectActivity: Bound<import('../../application/promotion/index.js').RejectActivity>;
  voidActivity: Bound<import('../../application/promotion/index.js').VoidActivity>;
  /** PRM-2: a new version of a published activity, reviewed while the live one serves (or an edit of the open draft). */
  reviseActivity: Bound<import('../../application/promotion/index.js').ReviseActivity>;
  getActivity: Bound<import('../../application/promotion/index.js').GetActivity>;
  listActivities: Bound<import('../../application/promotion/index.js').ListActivities>;
  /** The activities serving now (or at a given moment). */
  activeActivities: Bound<import('../../application/promotion/index.js').ActiveActivities>;
  chargeBudget: Bound<import('../../application/promotion/index.js').ChargeActivityBudget>;
  releaseBudget: Bound<import('../../application/promotion/index.js').ReleaseActivityBudget>;
  openGroup: Bound<import('../../application/promotion/index.js').OpenGroup>;
  joinGroup: Bound<import('../../application/promotion/index.js').JoinGroup>;
  /** A group order was paid: confirmed only while the group has room (GROUP_FULL: refund it). */
  confirmGroupPayment: Bound<import('../../application/promotion/index.js').ConfirmGroupPayment>;
  closeExpiredGroups: Bound<import('../../application/promotion/index.js').CloseExpiredGroups>;
  getGroup: Bound<import('../../application/promotion/index.js').GetGroup>;
  listGroups: Bound<import('../../application/promotion/index.js').ListGroups>;
  startBargain: Bound<import('../../application/promotion/index.js').StartBargain>;
  helpBargain: Bound<import('../../application/promotion/index.js').HelpBargain>;
  getBargain: Bound<import('../../application/promotion/index.js').GetBargain>;
  /** Lines priced with the activities serving now (the pricing engine, PRM-3/PRM-4). */
  previewPrice: Bound<import('../../application/promotion/index.js').PreviewPrice>;
  /** 限购: an order takes units under an activity's per-member limit (guarded, idempotent per reference); for orders (#6). */
  consumePurchaseLimit: Bound<import('../../application/promotion/index.js').ConsumePurchaseLimit>;
  releasePurchaseLimit: Bound<import('../../application/promotion/index.js').ReleasePurchaseLimit>;
  /** What a member may still buy under an activity now. */
  purchaseAllowance: Bound<import('../../application/promotion/index.js').GetPurchaseAllowance>;
}

/** The use cases of freight (运费模板, spec §7): per-item templates, shop settings (mode, FRT-1, combination), SKU assignments, quotes. */
export interface FreightFacade {
  createTemplate: Bound<import('../../application/freight/index.js').CreateFreightTemplate>;
  updateTemplate: Bound<import('../../application/freight/index.js').UpdateFreightTemplate>;
  listTemplates: Bound<import('../../application/freight/index.js').ListFreightTemplates>;
  getTemplate: Bound<import('../../application/freight/index.js').GetFreightTemplate>;
  /** Which template SKUs use (null: none). */
  assignTemplate: Bound<import('../../application/freight/index.js').AssignFreightTemplate>;
  templateSkus: Bound<import('../../application/freight/index.js').ListTemplateSkus>;
  setShopSettings: Bound<import('../../application/freight/index.js').SetShopFreightSettings>;
  getShopSettings: Bound<import('../../application/freight/index.js').GetShopFreightSettings>;
  /** One shop's lines to an address → the explained quote. */
  quote: Bound<import('../../application/freight/index.js').QuoteFreight>;
}

/** The use cases of the cart (购物车, spec §4): a member's or a guest's, the guest's merged at login, the view (CRT-1). */
export interface CartFacade {
  add: Bound<import('../../application/cart/index.js').AddToCart>;
  changeQuantity: Bound<import('../../application/cart/index.js').ChangeCartQuantity>;
  remove: Bound<import('../../application/cart/index.js').RemoveFromCart>;
  /** 勾选: one line, a shop's lines, or all. */
  select: Bound<import('../../application/cart/index.js').SelectCartLines>;
  clearInvalid: Bound<import('../../application/cart/index.js').ClearInvalidLines>;
  /** A new guest cart under an unguessable server-made id. */
  openGuestCart: Bound<import('../../application/cart/index.js').OpenGuestCart>;
  /** At login: the guest's cart into the member's (a second merge changes nothing). */
  mergeGuestCart: Bound<import('../../application/cart/index.js').MergeGuestCart>;
  /** Lines by shop and promotion, invalid lines apart, prices and stock now, CRT-1 total. */
  view: Bound<import('../../application/cart/index.js').ViewCart>;
}

/** Placing and cancelling orders (issue #6): one transaction each; the ORD-3 timeout runs as a durable job. */
export interface OrdersFacade {
  place: Bound<import('../../application/ordering/index.js').PlaceOrder>;
  /** Before payment (the member's own order; a split parent cancels its unpaid children). */
  cancel: Bound<import('../../application/ordering/index.js').CancelUnpaidOrder>;
  /** ORD-3 for one order (what the `order.payment-timeout` job runs). */
  expireUnpaid: Bound<import('../../application/ordering/index.js').ExpireUnpaidOrder>;
}

/** Payments (spec §10): open one for one or several orders, channel callbacks (PAY-1), expiry (PAY-2), late refunds. */
export interface PaymentsFacade {
  pay: Bound<import('../../application/payment/index.js').PayOrders>;
  handleCallback: Bound<import('../../application/payment/index.js').HandlePaymentCallback>;
  expire: Bound<import('../../application/payment/index.js').ExpirePayment>;
  refundLate: Bound<import('../../application/payment/index.js').RefundLateCallback>;
  /** What the `membership.order-paid` job runs. */
  notifyPaid: Bound<import('../../application/payment/index.js').NotifyOrderPaid>;
  /** A payment by its number, as stored. */
  find: Bound<import('../../application/payment/index.js').FindPayment>;
  /** The channels the shop takes, by name (none unless configured). */
  channels: PaymentChannels;
}

/** Fulfilment (issue #6 item 5): ship, confirm receipt (member or automatic), redeem a service order's code, cancel after payment (ORD-6). */
export interface FulfilmentFacade {
  ship: Bound<import('../../application/ordering/index.js').ShipOrder>;
  /** The member's own shipped order (another member's is ORDER.NOT_FOUND). */
  confirmReceipt: Bound<import('../../application/ordering/index.js').ConfirmReceipt>;
  /** What the `order.auto-confirm` job runs. */
  autoConfirm: Bound<import('../../application/ordering/index.js').AutoConfirmReceipt>;
  redeem: Bound<import('../../application/ordering/index.js').RedeemVerificationCode>;
  /** ORD-6: a paid order, by staff or its member, as far as fulfilment allows. */
  cancelPaid: Bound<import('../../application/ordering/index.js').CancelPaidOrder>;
  /** What the `membership.order-completed` job runs. */
  notifyCompleted: Bound<import('../../application/ordering/index.js').NotifyOrderCompleted>;
  /** What the `payment.channel-refund` job runs. */
  refundThroughChannel: Bound<import('../../application/ordering/index.js').RefundThroughChannel>;
}

/** The checkout preview (结算页, issue #5): pricing, freight, pre-dispatch, cross-border tax and the child orders, per line. */
export interface CheckoutFacade {
  preview: Bound<import('../../application/checkout/index.js').PreviewCheckout>;
}

/** The use cases of membership (#7): profile, growth and levels (MBR-1), points, the paid-order projection, RFM (MBR-2). */
export interface MembershipFacade {
  register: Bound<import('../../application/membership/index.js').RegisterMember>;
  get: Bound<import('../../application/membership/index.js').GetMember>;
  updateProfile: Bound<import('../../application/membership/index.js').UpdateMemberProfile>;
  putAddress: Bound<import('../../application/membership/index.js').PutAddress>;
  removeAddress: Bound<import('../../application/membership/index.js').RemoveAddress>;
  buyPaidCard: Bound<import('../../application/membership/index.js').BuyPaidCard>;
  joinShop: Bound<import('../../application/membership/index.js').JoinShop>;
  setShopLevel: Bound<import('../../application/membership/index.js').SetShopLevel>;
  history: Bound<import('../../application/membership/index.js').GetMemberHistory>;
  recordLogin: Bound<import('../../application/membership/index.js').RecordLogin>;
  recordReviewApproved: Bound<import('../../application/membership/index.js').RecordReviewApproved>;
  recordReviewDeleted: Bound<import('../../application/membership/index.js').RecordReviewDeleted>;
  adjustGrowth: Bound<import('../../application/membership/index.js').AdjustGrowth>;
  setLevel: Bound<import('../../application/membership/index.js').SetMemberLevel>;
  rules: Bound<import('../../application/membership/index.js').GetMembershipRules>;
  setRules: import('../../application/membership/index.js').SetMembershipRules['execute'];
  proposeThresholds: Bound<import('../../application/membership/index.js').ProposeLevelThresholds>;
  signIn: Bound<import('../../application/membership/index.js').SignIn>;
  earnPoints: Bound<import('../../application/membership/index.js').EarnPoints>;
  deductAtCheckout: Bound<import('../../application/membership/index.js').DeductPointsAtCheckout>;
  spendPoints: Bound<import('../../application/membership/index.js').SpendPoints>;
  adjustPoints: Bound<import('../../application/membership/index.js').AdjustPoints>;
  expirePoints: Bound<import('../../application/membership/index.js').ExpirePoints>;
  recordPaidOrder: Bound<import('../../application/membership/index.js').RecordPaidOrder>;
  recordOrderCompleted: Bound<import('../../application/membership/index.js').RecordOrderCompleted>;
  recordRefund: Bound<import('../../application/membership/index.js').RecordRefund>;
  runRfm: Bound<import('../../application/membership/index.js').RunRfm>;
  rfmSegments: Bound<import('../../application/membership/index.js').RfmSegmentCounts>;
  memberRfm: Bound<import('../../application/membership/index.js').MemberRfm>;
}

/**
 * Durable jobs (decision 0017): each context registers the handler of the kinds it schedules through
 * `tx.jobs`; the host runs what is due, once (`runDue`) or in the background (`start`, as `serve` does).
 */
export interface JobsFacade {
  /** The handler of jobs of `kind`, e.g. 'order.payment-timeout'; one per kind, idempotent (at least once). */
  register(kind: string, handler: JobHandler): void;
  /** Claims the jobs due now and runs them: completed, or retried with backoff when the handler throws. */
  runDue(): Promise<JobRunResult>;
  /** `runDue` again while it finds jobs (at most `maxRounds` times). */
  runUntilIdle(maxRounds?: number): Promise<JobRunResult>;
  /** Polls in the background (unref'd timer), every `intervalMs` (default 1000) after each run. */
  start(intervalMs?: number): void;
  /** Stops polling and waits for the run in flight; `close()` does it too. */
  stop(): Promise<void>;
}

/** The read side of ordering (订单查询): a member's orders and their details, staff search and details, period statistics. */
export interface OrderQueryFacade {
  /** 我的订单: the member's leaf orders, newest first, optionally of one status, paginated. */
  list: Bound<import('../../application/ordering/order-queries.js').ListMemberOrders>;
  /** One of the member's own orders (another member's is ORDER.NOT_FOUND). */
  get: Bound<import('../../application/ordering/order-queries.js').GetMemberOrder>;
  /** Staff search by number, member, status, shop, placing time. */
  search: Bound<import('../../application/ordering/order-queries.js').SearchOrders>;
  /** Any order, for staff. */
  staffGet: Bound<import('../../application/ordering/order-queries.js').GetOrder>;
  /** GMV, orders, average order value, ordering / paying / new / returning members of a period. */
  statistics: Bound<import('../../application/ordering/order-queries.js').OrderStatistics>;
}

export interface Zhongtai {
  readonly catalog: CatalogFacade;
  readonly inventory: InventoryFacade;
  readonly dispatch: DispatchFacade;
  readonly coupons: CouponFacade;
  readonly promotions: PromotionFacade;
  readonly membership: MembershipFacade;
  readonly cart: CartFacade;
  readonly freight: FreightFacade;
  readonly checkout: CheckoutFacade;
  readonly orderQueries: OrderQueryFacade;
  readonly orders: OrdersFacade;
  readonly payments: PaymentsFacade;
  readonly fulfilment: FulfilmentFacade;
  /** Subscribe to committed domain events: `zt.events.subscribe('catalog.spu.listed', handler)`. */
  readonly events: InProcessEventBus;
  readonly persistence: Persistence;
  /** The clock the use cases run on (adapters use it too, so a test clock governs everything). */
  readonly clock: Clock;
  /** The inversify container, for hosts that add their own modules. */
  readonly container: Container;
  /** Durable jobs: `zt.jobs.register(kind, handler)`, `runDue()`, `start(ms)` / `stop()`. */
  readonly jobs: JobsFacade;
  close(): Promise<void>;
}

/**
 * Builds the composition root and hands back ready use cases on the chosen persistence.
 * No connection is opened here: the persistence adapter you pass owns its connection.
 */
export function createZhongtai(options: ZhongtaiOptions = {}): Zhongtai {
  const persistence = options.persistence ?? memoryPersistence();
  const onEventError =
    options.onEventError ?? ((error: unknown, event: { type: string }) => console.error(`event handler failed for ${event.type}:`, error));
  const eventBus = new InProcessEventBus(onEventError);
  const container = new Container();
  container.load(
    sharedModule({ clock: options.clock ?? systemClock, ids: options.ids ?? new UuidV7Generator(), eventBus }),
    persistenceModule(persistence),
    catalogModule,
    inventoryModule,
    dispatchModule,
    couponModule(options.coupons),
    promotionModule,
    membershipModule,
    cartModule(options.cart),
    freightModule,
    checkoutModule(options.checkout),
    orderQueryModule,
    // Channel factories (the fake channel) call back through this instance's use cases, as a real channel calls the callback route.
    orderingModule(options.ordering ?? {}, { handleCallback: (cmd) => payments.handleCallback(cmd), findPayment: (cmd) => payments.find(cmd) }),
    fulfilmentModule(options.fulfilment),
  );
  const run = <T extends { execute: (...args: never[]) => unknown }>(id: symbol | import('inversify').ServiceIdentifier<T>): T['execute'] => {
    const useCase = container.get<T>(id as import('inversify').ServiceIdentifier<T>);
    return useCase.execute.bind(useCase) as T['execute'];
  };
  const catalog: CatalogFacade = {
    createCategory: run(CATALOG.CreateCategory),
    updateCategory: run(CATALOG.UpdateCategory),
    deleteCategory: run(CATALOG.DeleteCategory),
    createBrand: run(CATALOG.CreateBrand),
    updateBrand: run(CATALOG.UpdateBrand),
    createFrontCategory: run(CATALOG.CreateFrontCategory),
    updateFrontCategory: run(CATALOG.UpdateFrontCategory),
    deleteFrontCategory: run(CATALOG.DeleteFrontCategory),
    createSpu: run(CATALOG.CreateSpu),
    createComboSpu: run(CATALOG.CreateComboSpu),
    updateSpu: run(CATALOG.UpdateSpu),
    changeSkuPrice: run(CATALOG.ChangeSkuPrice),
    changeListing: run(CATALOG.ChangeListing),
    applyDueListingSchedules: run(CATALOG.ApplyDueListingSchedules),
    queries: container.get(TOKENS.CatalogQueries),
  };
  const inventory: InventoryFacade = {
    configureStock: run(INVENTORY.ConfigureStock),
    changeStock: run(INVENTORY.ChangeStock),
    changeOrderStock: run(INVENTORY.ChangeOrderStock),
    checkStockConsistency: run(INVENTORY.CheckStockConsistency),
    repairStockConsistency: run(INVENTORY.RepairStockConsistency),
    repairLayeredStockConsistency: run(INVENTORY.RepairLayeredStockConsistency),
    viewStock: run(INVENTORY.ViewStock),
    recordPurchaseInTransit: run(INVENTORY.RecordPurchaseInTransit),
    receivePurchase: run(INVENTORY.ReceivePurchase),
    transferStock: run(INVENTORY.TransferStock),
    receiveTransfer: run(INVENTORY.ReceiveTransfer),
    markDamaged: run(INVENTORY.MarkDamaged),
    writeOffDamaged: run(INVENTORY.WriteOffDamaged),
    moveStock: run(INVENTORY.MoveStock),
    takeStock: run(INVENTORY.TakeStock),
    assignStock: run(INVENTORY.AssignStock),
    releaseStock: run(INVENTORY.ReleaseStock),
    pickStock: run(INVENTORY.PickStock),
    unpickStock: run(INVENTORY.UnpickStock),
    shipStock: run(INVENTORY.ShipStock),
    viewLayeredStock: run(INVENTORY.ViewLayeredStock),
    checkLayeredStockConsistency: run(INVENTORY.CheckLayeredStockConsistency),
  };
  const dispatch: DispatchFacade = {
    createWarehouse: run(DISPATCH.CreateWarehouse),
    updateWarehouse: run(DISPATCH.UpdateWarehouse),
    listWarehouses: run(DISPATCH.ListWarehouses),
    previewDispatch: run(DISPATCH.PreviewDispatch),
  };
  const clock = container.get(TOKENS.Clock);
  const coupons: CouponFacade = {
    createTemplate: run(COUPON.CreateCouponTemplate),
    stopTemplate: run(COUPON.StopCouponTemplate),
    listTemplates: run(COUPON.ListCouponTemplates),
    getTemplate: run(COUPON.GetCouponTemplate),
    statistics: run(COUPON.GetCouponStatistics),
    claim: run(COUPON.ClaimCoupon),
    issue: run(COUPON.IssueCoupons),
    listClaimable: run(COUPON.ListClaimableCoupons),
    lock: run(COUPON.LockCoupon),
    release: run(COUPON.ReleaseCoupon),
    use: run(COUPON.UseCoupon),
    returnOnRefund: run(COUPON.ReturnCoupon),
    listMemberCoupons: run(COUPON.ListMemberCoupons),
    expire: run(COUPON.ExpireCoupons),
    forPricing: run(COUPON.MemberCouponsForPricing),
    recommend: run(COUPON.RecommendCoupon),
  };
  const promotions: PromotionFacade = {
    createActivity: run(PROMOTION.CreateActivity),
    submitActivity: run(PROMOTION.SubmitActivity),
    approveActivity: run(PROMOTION.ApproveActivity),
    rejectActivity: run(PROMOTION.RejectActivity),
    voidActivity: run(PROMOTION.VoidActivity),
    reviseActivity: run(PROMOTION.ReviseActivity),
    getActivity: run(PROMOTION.GetActivity),
    listActivities: run(PROMOTION.ListActivities),
    activeActivities: run(PROMOTION.ActiveActivities),
    chargeBudget: run(PROMOTION.ChargeActivityBudget),
    releaseBudget: run(PROMOTION.ReleaseActivityBudget),
    openGroup: run(PROMOTION.OpenGroup),
    joinGroup: run(PROMOTION.JoinGroup),
    confirmGroupPayment: run(PROMOTION.ConfirmGroupPayment),
    closeExpiredGroups: run(PROMOTION.CloseExpiredGroups),
    getGroup: run(PROMOTION.GetGroup),
    listGroups: run(PROMOTION.ListGroups),
    startBargain: run(PROMOTION.StartBargain),
    helpBargain: run(PROMOTION.HelpBargain),
    getBargain: run(PROMOTION.GetBargain),
    previewPrice: run(PROMOTION.PreviewPrice),
    consumePurchaseLimit: run(PROMOTION.ConsumePurchaseLimit),
    releasePurchaseLimit: run(PROMOTION.ReleasePurchaseLimit),
    purchaseAllowance: run(PROMOTION.GetPurchaseAllowance),
  };
  const freight: FreightFacade = {
    createTemplate: run(FREIGHT.CreateFreightTemplate),
    updateTemplate: run(FREIGHT.UpdateFreightTemplate),
    listTemplates: run(FREIGHT.ListFreightTemplates),
    getTemplate: run(FREIGHT.GetFreightTemplate),
    assignTemplate: run(FREIGHT.AssignFreightTemplate),
    templateSkus: run(FREIGHT.ListTemplateSkus),
    setShopSettings: run(FREIGHT.SetShopFreightSettings),
    getShopSettings: run(FREIGHT.GetShopFreightSettings),
    quote: run(FREIGHT.QuoteFreight),
  };
  const cart: CartFacade = {
    add: run(CART.AddToCart),
    changeQuantity: run(CART.ChangeCartQuantity),
    remove: run(CART.RemoveFromCart),
    select: run(CART.SelectCartLines),
    clearInvalid: run(CART.ClearInvalidLines),
    openGuestCart: run(CART.OpenGuestCart),
    mergeGuestCart: run(CART.MergeGuestCart),
    view: run(CART.ViewCart),
  };
  const checkout: CheckoutFacade = { preview: run(CHECKOUT.PreviewCheckout) };
  const M = MEMBERSHIP;
  const membership: MembershipFacade = {
    register: run(M.RegisterMember), get: run(M.GetMember), updateProfile: run(M.UpdateMemberProfile), putAddress: run(M.PutAddress),
    removeAddress: run(M.RemoveAddress), buyPaidCard: run(M.BuyPaidCard), joinShop: run(M.JoinShop), setShopLevel: run(M.SetShopLevel),
    history: run(M.GetMemberHistory), recordLogin: run(M.RecordLogin), recordReviewApproved: run(M.RecordReviewApproved),
    recordReviewDeleted: run(M.RecordReviewDeleted), adjustGrowth: run(M.AdjustGrowth), setLevel: run(M.SetMemberLevel), rules: run(M.GetMembershipRules),
    setRules: run(M.SetMembershipRules), proposeThresholds: run(M.ProposeLevelThresholds), signIn: run(M.SignIn), earnPoints: run(M.EarnPoints),
    deductAtCheckout: run(M.DeductPointsAtCheckout), spendPoints: run(M.SpendPoints), adjustPoints: run(M.AdjustPoints), expirePoints: run(M.ExpirePoints),
    recordPaidOrder: run(M.RecordPaidOrder), recordOrderCompleted: run(M.RecordOrderCompleted), recordRefund: run(M.RecordRefund),
    runRfm: run(M.RunRfm), rfmSegments: run(M.RfmSegmentCounts), memberRfm: run(M.MemberRfm),
  };
  const orderQueries: OrderQueryFacade = {
    list: run(ORDER_QUERIES.ListMemberOrders),
    get: run(ORDER_QUERIES.GetMemberOrder),
    search: run(ORDER_QUERIES.SearchOrders),
    staffGet: run(ORDER_QUERIES.GetOrder),
    statistics: run(ORDER_QUERIES.OrderStatistics),
  };
  const jobRunner = new JobRunner(persistence.jobQueue, clock, {}, {
    ...options.jobs,
    onError: options.jobs?.onError ?? ((error, job) => console.error(job ? `job ${job.kind} ${job.key} failed (attempt ${job.attempts + 1}):` : 'job runner failed:', error)),
  });
  const orders: OrdersFacade = { place: run(ORDERING.PlaceOrder), cancel: run(ORDERING.CancelUnpaidOrder), expireUnpaid: run(ORDERING.ExpireUnpaidOrder) };
  const payments: PaymentsFacade = {
    pay: run(ORDERING.PayOrders), handleCallback: run(ORDERING.HandlePaymentCallback), expire: run(ORDERING.ExpirePayment),
    refundLate: run(ORDERING.RefundLateCallback), notifyPaid: run(ORDERING.NotifyOrderPaid), find: run(ORDERING.FindPayment), channels: container.get(ORDERING.Channels),
  };
  // The timers and notifications orders and payments schedule (decision 0017).
  jobRunner.register(JOB.PAYMENT_TIMEOUT, async (job) => void (await orders.expireUnpaid({ orderId: String(job.payload.orderId) })));
  jobRunner.register(JOB.PAYMENT_EXPIRY, async (job) => void (await payments.expire({ paymentId: String(job.payload.paymentId) })));
  jobRunner.register(JOB.LATE_REFUND, async (job) => {
    await payments.refundLate({ paymentId: String(job.payload.paymentId), channel: String(job.payload.channel), channelTransactionId: String(job.payload.channelTransactionId) });
  });
  jobRunner.register(JOB.MEMBERSHIP_PAID, async (job) => {
    const p = job.payload as { orderId: string; memberId: string; paidAt: string; amount: string };
    await payments.notifyPaid({ orderId: p.orderId, memberId: p.memberId, paidAt: new Date(p.paidAt), amount: p.amount });
  });
  const F = FULFILMENT;
  const fulfilment: FulfilmentFacade = {
    ship: run(F.ShipOrder), confirmReceipt: run(F.ConfirmReceipt), autoConfirm: run(F.AutoConfirmReceipt), redeem: run(F.RedeemVerificationCode),
    cancelPaid: run(F.CancelPaidOrder), notifyCompleted: run(F.NotifyOrderCompleted), refundThroughChannel: run(F.RefundThroughChannel),
  };
  jobRunner.register(JOB.AUTO_CONFIRM, async (job) => {
    const { notBefore } = await fulfilment.autoConfirm({ orderId: String(job.payload.orderId) });
    // Run early (clocks apart): fail, so the runner tries again later rather than forgetting the timer.
    if (notBefore) throw new Error(`order ${String(job.payload.orderId)} is not due for automatic receipt before ${notBefore.toISOString()}`);
  });
  jobRunner.register(JOB.MEMBERSHIP_COMPLETED, async (job) => void (await fulfilment.notifyCompleted({ orderId: String(job.payload.orderId) })));
  jobRunner.register(JOB.CHANNEL_REFUND, async (job) => {
    await fulfilment.refundThroughChannel({ paymentId: String(job.payload.paymentId), refundId: String(job.payload.refundId) });
  });
  const jobs: JobsFacade = {
    register: (kind, handler) => jobRunner.register(kind, handler),
    runDue: () => jobRunner.runDue(),
    runUntilIdle: (maxRounds) => jobRunner.runUntilIdle(maxRounds),
    start: (intervalMs) => jobRunner.start(intervalMs),
    stop: () => jobRunner.stop(),
  };
  const close = async () => {
    await jobRunner.stop();
    await persistence.close();
  };
  return { catalog, inventory, dispatch, coupons, promotions, membership, cart, freight, checkout, orderQueries, orders, payments, fulfilment, events: eventBus, persistence, clock, container, jobs, close };
}
