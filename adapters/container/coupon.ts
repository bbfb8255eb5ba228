import type { ServiceIdentifier } from 'inversify';
import * as coupon from '../../application/coupon/index.js';
import { COUPON_STORE } from '../../application/coupon/store.js';
import type { CustomerHistory, RandomSource } from '../../domain/coupon/index.js';
import { seedCouponDemo } from '../demo/coupon.js';
import { couponRoutes } from '../http/express/coupon/index.js';
import { memoryCouponStore } from '../persistence/memory/coupon/repositories.js';
import { baseDeps, defineContext, memoryStore, provide, type Wiring } from './module.js';
import { TOKENS } from './tokens.js';

/** `Math.random`: random-amount coupons (随机红包) in production; tests pass a seeded source. */
export const mathRandom: RandomSource = { next: () => Math.random() };

/**
 * Until the ordering context answers it, no member has ordered, so every member is a new customer (spec §6).
 * Hosts with their own order history pass a `CustomerHistory` in `createZhongtai({ coupons: { customers } })`.
 */
export const noOrdersYet: CustomerHistory = { isNewCustomer: async () => true };

/** `createZhongtai({ coupons })`: the random source of random amounts, and who counts as a new customer. */
export interface CouponModuleOptions {
  readonly random?: RandomSource;
  readonly customers?: CustomerHistory;
}

/** The customer-history port the coupon context publishes (activity and coupon audiences at checkout use it too). */
export const CUSTOMER_HISTORY: ServiceIdentifier<CustomerHistory> = TOKENS.CustomerHistory;

const optionsOf = (w: Wiring): CouponModuleOptions => (w.options.coupons ?? {}) as CouponModuleOptions;

/** 优惠券 (spec §6): templates, claims and bulk issues, members' coupons through an order's life (CPN-2), CPN-1, statistics, expiry. */
export const couponContext = defineContext({
  name: 'coupon',
  deps: (w): coupon.CouponDeps => ({ ...baseDeps(w), random: optionsOf(w).random ?? mathRandom, customers: w.get(CUSTOMER_HISTORY) }),
  facades: {
    coupons: {
      createTemplate: (d) => new coupon.CreateCouponTemplate(d),
      stopTemplate: (d) => new coupon.StopCouponTemplate(d),
      listTemplates: (d) => new coupon.ListCouponTemplates(d),
      getTemplate: (d) => new coupon.GetCouponTemplate(d),
      statistics: (d) => new coupon.GetCouponStatistics(d),
      claim: (d) => new coupon.ClaimCoupon(d),
      issue: (d) => new coupon.IssueCoupons(d),
      listClaimable: (d) => new coupon.ListClaimableCoupons(d),
      lock: (d) => new coupon.LockCoupon(d),
      release: (d) => new coupon.ReleaseCoupon(d),
      use: (d) => new coupon.UseCoupon(d),
      /** CPN-2 on a refund. */
      returnOnRefund: (d) => new coupon.ReturnCoupon(d),
      listMemberCoupons: (d) => new coupon.ListMemberCoupons(d),
      expire: (d) => new coupon.ExpireCoupons(d),
      /** The pricing engine's `coupons` input for a member. */
      forPricing: (d) => new coupon.MemberCouponsForPricing(d),
      /** CPN-1. */
      recommend: (d) => new coupon.RecommendCoupon(d),
    },
  },
  provides: [provide(CUSTOMER_HISTORY, (w) => optionsOf(w).customers ?? noOrdersYet)],
  persistence: {
    memory: [memoryStore(COUPON_STORE, memoryCouponStore)],
    postgresql: async () => (await import('../persistence/mikro-orm/coupon/index.js')).couponPostgres,
  },
  routes: couponRoutes,
  demo: (zt) => seedCouponDemo(zt),
});
