import { ContainerModule, type ServiceIdentifier } from 'inversify';
import * as uc from '../../application/coupon/index.js';
import type { UnitOfWork } from '../../application/shared/unit-of-work.js';
import type { CustomerHistory, RandomSource } from '../../domain/coupon/ports.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import { TOKENS } from './tokens.js';

const t = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`zhongtai.coupon.${name}`);

export const COUPON = {
  RandomSource: t<RandomSource>('RandomSource'),
  CustomerHistory: t<CustomerHistory>('CustomerHistory'),
  CreateCouponTemplate: t<uc.CreateCouponTemplate>('CreateCouponTemplate'),
  StopCouponTemplate: t<uc.StopCouponTemplate>('StopCouponTemplate'),
  ListCouponTemplates: t<uc.ListCouponTemplates>('ListCouponTemplates'),
  GetCouponTemplate: t<uc.GetCouponTemplate>('GetCouponTemplate'),
  GetCouponStatistics: t<uc.GetCouponStatistics>('GetCouponStatistics'),
  ClaimCoupon: t<uc.ClaimCoupon>('ClaimCoupon'),
  IssueCoupons: t<uc.IssueCoupons>('IssueCoupons'),
  ListClaimableCoupons: t<uc.ListClaimableCoupons>('ListClaimableCoupons'),
  LockCoupon: t<uc.LockCoupon>('LockCoupon'),
  ReleaseCoupon: t<uc.ReleaseCoupon>('ReleaseCoupon'),
  UseCoupon: t<uc.UseCoupon>('UseCoupon'),
  ReturnCoupon: t<uc.ReturnCoupon>('ReturnCoupon'),
  ListMemberCoupons: t<uc.ListMemberCoupons>('ListMemberCoupons'),
  ExpireCoupons: t<uc.ExpireCoupons>('ExpireCoupons'),
  MemberCouponsForPricing: t<uc.MemberCouponsForPricing>('MemberCouponsForPricing'),
  RecommendCoupon: t<uc.RecommendCoupon>('RecommendCoupon'),
} as const;

/** `Math.random`: random-amount coupons (随机红包) in production; tests pass a seeded source. */
export const mathRandom: RandomSource = { next: () => Math.random() };

/**
 * Until the ordering context exists no member has ordered, so every member is a new customer (spec §6).
 * Hosts with their own order history pass a `CustomerHistory` in `createZhongtai({ coupons: { customers } })`.
 */
export const noOrdersYet: CustomerHistory = { isNewCustomer: async () => true };

export interface CouponModuleOptions {
  readonly random?: RandomSource;
  readonly customers?: CustomerHistory;
}

/** Coupon use cases: templates, claims and bulk issues, members' coupons through an order's life, CPN-1, CPN-2, statistics. */
export function couponModule(o: CouponModuleOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(COUPON.RandomSource).toConstantValue(o.random ?? mathRandom);
    bind(COUPON.CustomerHistory).toConstantValue(o.customers ?? noOrdersYet);
    const UC = [TOKENS.UnitOfWork, TOKENS.Clock] as const;
    const handOut = [TOKENS.UnitOfWork, TOKENS.Clock, TOKENS.IdGenerator, COUPON.RandomSource, COUPON.CustomerHistory] as const;
    const deps = (ids: IdGenerator, random: RandomSource, customers: CustomerHistory) => ({ ids, random, customers });
    bind(COUPON.CreateCouponTemplate)
      .toResolvedValue((u, i, c) => new uc.CreateCouponTemplate(u, i, c), [TOKENS.UnitOfWork, TOKENS.IdGenerator, TOKENS.Clock])
      .inSingletonScope();
    bind(COUPON.StopCouponTemplate).toResolvedValue((u, c) => new uc.StopCouponTemplate(u, c), [...UC]).inSingletonScope();
    bind(COUPON.ListCouponTemplates).toResolvedValue((u: UnitOfWork) => new uc.ListCouponTemplates(u), [TOKENS.UnitOfWork]).inSingletonScope();
    bind(COUPON.GetCouponTemplate).toResolvedValue((u: UnitOfWork) => new uc.GetCouponTemplate(u), [TOKENS.UnitOfWork]).inSingletonScope();
    bind(COUPON.GetCouponStatistics).toResolvedValue((u: UnitOfWork) => new uc.GetCouponStatistics(u), [TOKENS.UnitOfWork]).inSingletonScope();
    bind(COUPON.ClaimCoupon)
      .toResolvedValue((u: UnitOfWork, c: Clock, i: IdGenerator, r: RandomSource, h: CustomerHistory) => new uc.ClaimCoupon(u, c, deps(i, r, h)), [...handOut])
      .inSingletonScope();
    bind(COUPON.IssueCoupons)
      .toResolvedValue((u: UnitOfWork, c: Clock, i: IdGenerator, r: RandomSource, h: CustomerHistory) => new uc.IssueCoupons(u, c, deps(i, r, h)), [...handOut])
      .inSingletonScope();
    bind(COUPON.ListClaimableCoupons)
      .toResolvedValue((u: UnitOfWork, c: Clock, h: CustomerHistory) => new uc.ListClaimableCoupons(u, c, h), [...UC, COUPON.CustomerHistory])
      .inSingletonScope();
    bind(COUPON.LockCoupon).toResolvedValue((u, c) => new uc.LockCoupon(u, c), [...UC]).inSingletonScope();
    bind(COUPON.ReleaseCoupon).toResolvedValue((u, c) => new uc.ReleaseCoupon(u, c), [...UC]).inSingletonScope();
    bind(COUPON.UseCoupon).toResolvedValue((u, c) => new uc.UseCoupon(u, c), [...UC]).inSingletonScope();
    bind(COUPON.ReturnCoupon).toResolvedValue((u, c) => new uc.ReturnCoupon(u, c), [...UC]).inSingletonScope();
    bind(COUPON.ListMemberCoupons).toResolvedValue((u, c) => new uc.ListMemberCoupons(u, c), [...UC]).inSingletonScope();
    bind(COUPON.ExpireCoupons).toResolvedValue((u, c) => new uc.ExpireCoupons(u, c), [...UC]).inSingletonScope();
    bind(COUPON.MemberCouponsForPricing).toResolvedValue((u, c) => new uc.MemberCouponsForPricing(u, c), [...UC]).inSingletonScope();
    bind(COUPON.RecommendCoupon)
      .toResolvedValue((u: UnitOfWork, c: Clock, h: CustomerHistory) => new uc.RecommendCoupon(u, c, h), [...UC, COUPON.CustomerHistory])
      .inSingletonScope();
  });
}
