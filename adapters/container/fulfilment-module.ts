import { ContainerModule, type ServiceIdentifier } from 'inversify';
import * as uc from '../../application/ordering/fulfilment-use-cases.js';
import type { PaymentChannels } from '../../application/payment/channels.js';
import type { UnitOfWork } from '../../application/shared/unit-of-work.js';
import type { CarrierInterception, FulfilmentProgress, WarehouseInterception } from '../../domain/ordering/ports.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import { FakeCarrierInterception, FakeWarehouseInterception, StatusFulfilmentProgress } from '../fulfilment/fake-interception.js';
import { ORDERING } from './ordering-module.js';
import { TOKENS } from './tokens.js';

const t = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`zhongtai.fulfilment.${name}`);

export const FULFILMENT = {
  ShipOrder: t<uc.ShipOrder>('ShipOrder'),
  ConfirmReceipt: t<uc.ConfirmReceipt>('ConfirmReceipt'),
  AutoConfirmReceipt: t<uc.AutoConfirmReceipt>('AutoConfirmReceipt'),
  RedeemVerificationCode: t<uc.RedeemVerificationCode>('RedeemVerificationCode'),
  CancelPaidOrder: t<uc.CancelPaidOrder>('CancelPaidOrder'),
  RefundThroughChannel: t<uc.RefundThroughChannel>('RefundThroughChannel'),
  Dependencies: t<uc.FulfilmentDependencies>('Dependencies'),
  Progress: t<FulfilmentProgress>('Progress'),
  WarehouseInterception: t<WarehouseInterception>('WarehouseInterception'),
  CarrierInterception: t<CarrierInterception>('CarrierInterception'),
} as const;

export interface FulfilmentModuleOptions {
  /** Days from shipping to the automatic receipt confirmation (default 10). */
  readonly autoConfirmAfterDays?: number;
  /** How far fulfilment went with an order, for ORD-6 (default: derived from the order's status). */
  readonly progress?: FulfilmentProgress;
  /** The warehouse's interception (default: a fake that always succeeds). */
  readonly warehouse?: WarehouseInterception;
  /** The carrier's interception (default: a fake that always succeeds). */
  readonly carrier?: CarrierInterception;
}

/**
 * Fulfilment (issue #6 item 5): shipping, receipt (by the member or automatic), redemption of service
 * orders, cancellation after payment by stage (ORD-6), and the handlers of the jobs they schedule. Needs
 * the ordering module (payment channels).
 */
export function fulfilmentModule(options: FulfilmentModuleOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(FULFILMENT.Dependencies)
      .toResolvedValue(
        (uow: UnitOfWork, clock: Clock, ids: IdGenerator): uc.FulfilmentDependencies => ({
          uow, clock, ids, ...(options.autoConfirmAfterDays !== undefined ? { autoConfirmAfterDays: options.autoConfirmAfterDays } : {}),
        }),
        [TOKENS.UnitOfWork, TOKENS.Clock, TOKENS.IdGenerator],
      )
      .inSingletonScope();
    bind(FULFILMENT.Progress).toConstantValue(options.progress ?? new StatusFulfilmentProgress());
    bind(FULFILMENT.WarehouseInterception).toConstantValue(options.warehouse ?? new FakeWarehouseInterception());
    bind(FULFILMENT.CarrierInterception).toConstantValue(options.carrier ?? new FakeCarrierInterception());
    const D = [FULFILMENT.Dependencies] as const;
    bind(FULFILMENT.ShipOrder).toResolvedValue((d) => new uc.ShipOrder(d), [...D]).inSingletonScope();
    bind(FULFILMENT.ConfirmReceipt).toResolvedValue((d) => new uc.ConfirmReceipt(d), [...D]).inSingletonScope();
    bind(FULFILMENT.AutoConfirmReceipt).toResolvedValue((d) => new uc.AutoConfirmReceipt(d), [...D]).inSingletonScope();
    bind(FULFILMENT.RedeemVerificationCode).toResolvedValue((d) => new uc.RedeemVerificationCode(d), [...D]).inSingletonScope();
    bind(FULFILMENT.CancelPaidOrder)
      .toResolvedValue(
        (d: uc.FulfilmentDependencies, progress: FulfilmentProgress, warehouse: WarehouseInterception, carrier: CarrierInterception) =>
          new uc.CancelPaidOrder(d, { progress, warehouse, carrier }),
        [FULFILMENT.Dependencies, FULFILMENT.Progress, FULFILMENT.WarehouseInterception, FULFILMENT.CarrierInterception],
      )
      .inSingletonScope();
    bind(FULFILMENT.RefundThroughChannel)
      .toResolvedValue((uow: UnitOfWork, channels: PaymentChannels) => new uc.RefundThroughChannel(uow, channels), [TOKENS.UnitOfWork, ORDERING.Channels])
      .inSingletonScope();
  });
}
