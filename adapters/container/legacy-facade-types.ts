import type { CatalogQueries } from '../../domain/catalog/ports.js';
import type { PaymentChannels } from '../../application/payment/channels.js';

// The facades of the contexts not yet moved into modules (issue #13), written by hand. Each context's move
// deletes its facade here: its type is then derived from its manifest. The file goes when the last one moves.

export type Bound<T extends { execute: (...args: never[]) => unknown }> = T['execute'];

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

/** The facades of the contexts not yet moved into modules. */
export interface LegacyFacades {
  readonly catalog: CatalogFacade;
  readonly inventory: InventoryFacade;
  readonly dispatch: DispatchFacade;
  readonly promotions: PromotionFacade;
  readonly membership: MembershipFacade;
  readonly cart: CartFacade;
  readonly checkout: CheckoutFacade;
  readonly orderQueries: OrderQueryFacade;
  readonly orders: OrdersFacade;
  readonly payments: PaymentsFacade;
  readonly fulfilment: FulfilmentFacade;
}
