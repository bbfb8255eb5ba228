import * as membership from '../../application/membership/index.js';
import { MEMBERSHIP_STORE } from '../../application/membership/store.js';
import { seedMembershipDemo } from '../demo/membership.js';
import { membershipRoutes } from '../http/express/membership/index.js';
import { memoryMembershipStore } from '../persistence/memory/membership/repositories.js';
import { baseDeps, defineContext, memoryStore, provide } from './module.js';
import { TOKENS } from './tokens.js';

/**
 * 会员中心 (spec §12): profiles and addresses, shop and paid memberships, the growth and points ledgers
 * (MBR-1), levels, sign-in, the paid-order projection and RFM (MBR-2). It reacts to ordering's
 * `order.paid` and `order.completed` by its subscriptions.
 */
export const membershipContext = defineContext({
  name: 'membership',
  deps: baseDeps,
  facades: {
    membership: {
      register: (d) => new membership.RegisterMember(d),
      get: (d) => new membership.GetMember(d),
      updateProfile: (d) => new membership.UpdateMemberProfile(d),
      putAddress: (d) => new membership.PutAddress(d),
      removeAddress: (d) => new membership.RemoveAddress(d),
      buyPaidCard: (d) => new membership.BuyPaidCard(d),
      joinShop: (d) => new membership.JoinShop(d),
      setShopLevel: (d) => new membership.SetShopLevel(d),
      history: (d) => new membership.GetMemberHistory(d),
      recordLogin: (d) => new membership.RecordLogin(d),
      recordReviewApproved: (d) => new membership.RecordReviewApproved(d),
      recordReviewDeleted: (d) => new membership.RecordReviewDeleted(d),
      adjustGrowth: (d) => new membership.AdjustGrowth(d),
      setLevel: (d) => new membership.SetMemberLevel(d),
      rules: (d) => new membership.GetMembershipRules(d),
      setRules: (d) => new membership.SetMembershipRules(d),
      proposeThresholds: (d) => new membership.ProposeLevelThresholds(d),
      signIn: (d) => new membership.SignIn(d),
      earnPoints: (d) => new membership.EarnPoints(d),
      deductAtCheckout: (d) => new membership.DeductPointsAtCheckout(d),
      spendPoints: (d) => new membership.SpendPoints(d),
      adjustPoints: (d) => new membership.AdjustPoints(d),
      expirePoints: (d) => new membership.ExpirePoints(d),
      /** What the `order.paid` subscription runs (hosts without zhongtai's orders call it themselves). */
      recordPaidOrder: (d) => new membership.RecordPaidOrder(d),
      /** What the `order.completed` subscription runs. */
      recordOrderCompleted: (d) => new membership.RecordOrderCompleted(d),
      /** What the `after-sales.request.refund-issued` subscription runs. */
      recordRefund: (d) => new membership.RecordRefund(d),
      runRfm: (d) => new membership.RunRfm(d),
      rfmSegments: (d) => new membership.RfmSegmentCounts(d),
      memberRfm: (d) => new membership.MemberRfm(d),
    },
  },
  // Checkout spends points from this ledger by the platform's points rule (PRM-3 step 5).
  provides: [provide(TOKENS.CheckoutPoints, () => membership.membershipCheckoutPoints)],
  persistence: {
    memory: [memoryStore(MEMBERSHIP_STORE, memoryMembershipStore)],
    postgresql: async () => (await import('../persistence/mikro-orm/membership/index.js')).membershipPostgres,
  },
  routes: membershipRoutes,
  subscriptions: (self) => membership.membershipOrderSubscriptions(self.membership),
  demo: (zt) => seedMembershipDemo(zt),
});
