import type { Container } from 'inversify';
import { JOB } from '../../application/ordering/order-resources.js';
import type { JobRunner } from '../../application/shared/job-runner.js';
import { CART } from './cart-module.js';
import { CATALOG } from './catalog-module.js';
import { CHECKOUT } from './checkout-module.js';
import { DISPATCH } from './dispatch-module.js';
import { FULFILMENT } from './fulfilment-module.js';
import { INVENTORY } from './inventory-module.js';
import type {
  CartFacade, CatalogFacade, CheckoutFacade, DispatchFacade, FulfilmentFacade, InventoryFacade, LegacyFacades, MembershipFacade,
  OrderQueryFacade, OrdersFacade, PaymentsFacade, PromotionFacade,
} from './legacy-facade-types.js';
import { MEMBERSHIP } from './membership-module.js';
import { ORDER_QUERIES } from './order-query-module.js';
import { ORDERING } from './ordering-module.js';
import { PROMOTION } from './promotion-module.js';
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
    // Run early (clocks apart): the runner runs it again at that moment (issue #13: one way for every timer).
    return notBefore ? { notBefore } : undefined;
  });
  jobRunner.register(JOB.MEMBERSHIP_COMPLETED, async (job) => void (await fulfilment.notifyCompleted({ orderId: String(job.payload.orderId) })));
  jobRunner.register(JOB.CHANNEL_REFUND, async (job) => {
    await fulfilment.refundThroughChannel({ paymentId: String(job.payload.paymentId), refundId: String(job.payload.refundId) });
  });
  return { catalog, inventory, dispatch, promotions, membership, cart, checkout, orderQueries, orders, payments, fulfilment };
}
