import * as promotion from '../../application/promotion/index.js';
import { PROMOTION_STORE } from '../../application/promotion/store.js';
import { seedPromotionDemo } from '../demo/promotion.js';
import { promotionRoutes } from '../http/express/promotion/index.js';
import { memoryPromotionStore } from '../persistence/memory/promotion/repositories.js';
import { baseDeps, defineContext, memoryStore } from './module.js';

/** 促销中心 (spec §5): activities and their review (PRM-2, four eyes), budgets, group buys (拼团), bargains (砍价), purchase limits (限购), the price preview. */
export const promotionContext = defineContext({
  name: 'promotion',
  deps: baseDeps,
  facades: {
    promotions: {
      createActivity: (d) => new promotion.CreateActivity(d),
      submitActivity: (d) => new promotion.SubmitActivity(d),
      approveActivity: (d) => new promotion.ApproveActivity(d),
      rejectActivity: (d) => new promotion.RejectActivity(d),
      voidActivity: (d) => new promotion.VoidActivity(d),
      /** PRM-2: a new version of a published activity, reviewed while the live one serves (or an edit of the open draft). */
      reviseActivity: (d) => new promotion.ReviseActivity(d),
      getActivity: (d) => new promotion.GetActivity(d),
      listActivities: (d) => new promotion.ListActivities(d),
      /** The activities serving now (or at a given moment). */
      activeActivities: (d) => new promotion.ActiveActivities(d),
      chargeBudget: (d) => new promotion.ChargeActivityBudget(d),
      releaseBudget: (d) => new promotion.ReleaseActivityBudget(d),
      openGroup: (d) => new promotion.OpenGroup(d),
      joinGroup: (d) => new promotion.JoinGroup(d),
      /** A group order was paid: confirmed only while the group has room (GROUP_FULL: refund it). */
      confirmGroupPayment: (d) => new promotion.ConfirmGroupPayment(d),
      closeExpiredGroups: (d) => new promotion.CloseExpiredGroups(d),
      getGroup: (d) => new promotion.GetGroup(d),
      listGroups: (d) => new promotion.ListGroups(d),
      startBargain: (d) => new promotion.StartBargain(d),
      helpBargain: (d) => new promotion.HelpBargain(d),
      getBargain: (d) => new promotion.GetBargain(d),
      /** Lines priced with the activities serving now (the pricing engine, PRM-3/PRM-4). */
      previewPrice: (d) => new promotion.PreviewPrice(d),
      /** 限购: an order takes units under an activity's per-member limit (guarded, idempotent per reference). */
      consumePurchaseLimit: (d) => new promotion.ConsumePurchaseLimit(d),
      releasePurchaseLimit: (d) => new promotion.ReleasePurchaseLimit(d),
      /** What a member may still buy under an activity now. */
      purchaseAllowance: (d) => new promotion.GetPurchaseAllowance(d),
    },
  },
  persistence: {
    memory: [memoryStore(PROMOTION_STORE, memoryPromotionStore)],
    postgresql: async () => (await import('../persistence/mikro-orm/promotion/index.js')).promotionPostgres,
  },
  routes: promotionRoutes,
  demo: (zt) => seedPromotionDemo(zt),
});
