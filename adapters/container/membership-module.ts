import { ContainerModule, type ServiceIdentifier } from 'inversify';
import * as uc from '../../application/membership/index.js';
import type { UnitOfWork } from '../../application/shared/unit-of-work.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import { TOKENS } from './tokens.js';

const t = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`zhongtai.membership.${name}`);

/** The use cases that take (unit of work, { clock, ids }). */
const WITH_DEPS = {
  RegisterMember: uc.RegisterMember, GetMember: uc.GetMember, PutAddress: uc.PutAddress, BuyPaidCard: uc.BuyPaidCard, JoinShop: uc.JoinShop,
  SetShopLevel: uc.SetShopLevel, RecordLogin: uc.RecordLogin, RecordReviewApproved: uc.RecordReviewApproved, RecordReviewDeleted: uc.RecordReviewDeleted,
  AdjustGrowth: uc.AdjustGrowth, SetMemberLevel: uc.SetMemberLevel, SetMembershipRules: uc.SetMembershipRules, SignIn: uc.SignIn, EarnPoints: uc.EarnPoints,
  DeductPointsAtCheckout: uc.DeductPointsAtCheckout, SpendPoints: uc.SpendPoints, AdjustPoints: uc.AdjustPoints, ExpirePoints: uc.ExpirePoints,
  RecordOrderCompleted: uc.RecordOrderCompleted, RecordRefund: uc.RecordRefund, RunRfm: uc.RunRfm,
} as const;
/** The use cases that take the unit of work alone. */
const UOW_ONLY = {
  UpdateMemberProfile: uc.UpdateMemberProfile, RemoveAddress: uc.RemoveAddress, GetMemberHistory: uc.GetMemberHistory, GetMembershipRules: uc.GetMembershipRules,
  ProposeLevelThresholds: uc.ProposeLevelThresholds, RecordPaidOrder: uc.RecordPaidOrder, RfmSegmentCounts: uc.RfmSegmentCounts, MemberRfm: uc.MemberRfm,
} as const;

type Tokens<T> = { readonly [K in keyof T]: ServiceIdentifier<T[K] extends abstract new (...args: never[]) => infer I ? I : never> };

export const MEMBERSHIP = Object.fromEntries([...Object.keys(WITH_DEPS), ...Object.keys(UOW_ONLY)].map((k) => [k, t(k)])) as Tokens<typeof WITH_DEPS & typeof UOW_ONLY>;

/** Membership use cases (issue #7): members, growth and levels, points, the paid-order projection, RFM. */
export const membershipModule = new ContainerModule(({ bind }) => {
  for (const [name, UseCase] of Object.entries(WITH_DEPS)) {
    bind(MEMBERSHIP[name as keyof typeof WITH_DEPS] as ServiceIdentifier<unknown>)
      .toResolvedValue((u: UnitOfWork, clock: Clock, ids: IdGenerator) => new (UseCase as new (u: UnitOfWork, d: uc.Deps) => unknown)(u, { clock, ids }), [TOKENS.UnitOfWork, TOKENS.Clock, TOKENS.IdGenerator])
      .inSingletonScope();
  }
  for (const [name, UseCase] of Object.entries(UOW_ONLY)) {
    bind(MEMBERSHIP[name as keyof typeof UOW_ONLY] as ServiceIdentifier<unknown>)
      .toResolvedValue((u: UnitOfWork) => new (UseCase as new (u: UnitOfWork) => unknown)(u), [TOKENS.UnitOfWork])
      .inSingletonScope();
  }
});
