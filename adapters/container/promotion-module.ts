import { ContainerModule, type ServiceIdentifier } from 'inversify';
import * as uc from '../../application/promotion/index.js';
import { TOKENS } from './tokens.js';

const t = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`zhongtai.promotion.${name}`);

export const PROMOTION = {
  CreateActivity: t<uc.CreateActivity>('CreateActivity'),
  SubmitActivity: t<uc.SubmitActivity>('SubmitActivity'),
  ApproveActivity: t<uc.ApproveActivity>('ApproveActivity'),
  RejectActivity: t<uc.RejectActivity>('RejectActivity'),
  VoidActivity: t<uc.VoidActivity>('VoidActivity'),
  ReviseActivity: t<uc.ReviseActivity>('ReviseActivity'),
  GetActivity: t<uc.GetActivity>('GetActivity'),
  ListActivities: t<uc.ListActivities>('ListActivities'),
  ActiveActivities: t<uc.ActiveActivities>('ActiveActivities'),
  ChargeActivityBudget: t<uc.ChargeActivityBudget>('ChargeActivityBudget'),
  ReleaseActivityBudget: t<uc.ReleaseActivityBudget>('ReleaseActivityBudget'),
  OpenGroup: t<uc.OpenGroup>('OpenGroup'),
  JoinGroup: t<uc.JoinGroup>('JoinGroup'),
  ConfirmGroupPayment: t<uc.ConfirmGroupPayment>('ConfirmGroupPayment'),
  CloseExpiredGroups: t<uc.CloseExpiredGroups>('CloseExpiredGroups'),
  GetGroup: t<uc.GetGroup>('GetGroup'),
  ListGroups: t<uc.ListGroups>('ListGroups'),
  StartBargain: t<uc.StartBargain>('StartBargain'),
  HelpBargain: t<uc.HelpBargain>('HelpBargain'),
  GetBargain: t<uc.GetBargain>('GetBargain'),
  PreviewPrice: t<uc.PreviewPrice>('PreviewPrice'),
  ConsumePurchaseLimit: t<uc.ConsumePurchaseLimit>('ConsumePurchaseLimit'),
  ReleasePurchaseLimit: t<uc.ReleasePurchaseLimit>('ReleasePurchaseLimit'),
  GetPurchaseAllowance: t<uc.GetPurchaseAllowance>('GetPurchaseAllowance'),
} as const;

/** Promotion use cases: activities and their review (PRM-2), budgets, purchase limits, group buys, bargains, price preview. */
export const promotionModule = new ContainerModule(({ bind }) => {
  const U = [TOKENS.UnitOfWork] as const;
  const UC = [TOKENS.UnitOfWork, TOKENS.Clock] as const;
  const UIC = [TOKENS.UnitOfWork, TOKENS.IdGenerator, TOKENS.Clock] as const;
  bind(PROMOTION.CreateActivity).toResolvedValue((u, i, c) => new uc.CreateActivity(u, i, c), [...UIC]).inSingletonScope();
  bind(PROMOTION.SubmitActivity).toResolvedValue((u, c) => new uc.SubmitActivity(u, c), [...UC]).inSingletonScope();
  bind(PROMOTION.ApproveActivity).toResolvedValue((u, c) => new uc.ApproveActivity(u, c), [...UC]).inSingletonScope();
  bind(PROMOTION.RejectActivity).toResolvedValue((u, c) => new uc.RejectActivity(u, c), [...UC]).inSingletonScope();
  bind(PROMOTION.VoidActivity).toResolvedValue((u, c) => new uc.VoidActivity(u, c), [...UC]).inSingletonScope();
  bind(PROMOTION.ReviseActivity).toResolvedValue((u, c) => new uc.ReviseActivity(u, c), [...UC]).inSingletonScope();
  bind(PROMOTION.GetActivity).toResolvedValue((u, c) => new uc.GetActivity(u, c), [...UC]).inSingletonScope();
  bind(PROMOTION.ListActivities).toResolvedValue((u, c) => new uc.ListActivities(u, c), [...UC]).inSingletonScope();
  bind(PROMOTION.ActiveActivities).toResolvedValue((u, c) => new uc.ActiveActivities(u, c), [...UC]).inSingletonScope();
  bind(PROMOTION.ChargeActivityBudget).toResolvedValue((u, c) => new uc.ChargeActivityBudget(u, c), [...UC]).inSingletonScope();
  bind(PROMOTION.ReleaseActivityBudget).toResolvedValue((u) => new uc.ReleaseActivityBudget(u), [...U]).inSingletonScope();
  bind(PROMOTION.OpenGroup).toResolvedValue((u, i, c) => new uc.OpenGroup(u, i, c), [...UIC]).inSingletonScope();
  bind(PROMOTION.JoinGroup).toResolvedValue((u, c) => new uc.JoinGroup(u, c), [...UC]).inSingletonScope();
  bind(PROMOTION.ConfirmGroupPayment).toResolvedValue((u, c) => new uc.ConfirmGroupPayment(u, c), [...UC]).inSingletonScope();
  bind(PROMOTION.CloseExpiredGroups).toResolvedValue((u, c) => new uc.CloseExpiredGroups(u, c), [...UC]).inSingletonScope();
  bind(PROMOTION.GetGroup).toResolvedValue((u) => new uc.GetGroup(u), [...U]).inSingletonScope();
  bind(PROMOTION.ListGroups).toResolvedValue((u) => new uc.ListGroups(u), [...U]).inSingletonScope();
  bind(PROMOTION.StartBargain).toResolvedValue((u, i, c) => new uc.StartBargain(u, i, c), [...UIC]).inSingletonScope();
  bind(PROMOTION.HelpBargain).toResolvedValue((u, c) => new uc.HelpBargain(u, c), [...UC]).inSingletonScope();
  bind(PROMOTION.GetBargain).toResolvedValue((u) => new uc.GetBargain(u), [...U]).inSingletonScope();
  bind(PROMOTION.PreviewPrice).toResolvedValue((u, c) => new uc.PreviewPrice(u, c), [...UC]).inSingletonScope();
  bind(PROMOTION.ConsumePurchaseLimit).toResolvedValue((u, c) => new uc.ConsumePurchaseLimit(u, c), [...UC]).inSingletonScope();
  bind(PROMOTION.ReleasePurchaseLimit).toResolvedValue((u) => new uc.ReleasePurchaseLimit(u), [...U]).inSingletonScope();
  bind(PROMOTION.GetPurchaseAllowance).toResolvedValue((u, c) => new uc.GetPurchaseAllowance(u, c), [...UC]).inSingletonScope();
});
