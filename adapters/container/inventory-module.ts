import { ContainerModule, type ServiceIdentifier } from 'inversify';
import * as uc from '../../application/inventory/index.js';
import { TOKENS } from './tokens.js';

const t = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`zhongtai.inventory.${name}`);

export const INVENTORY = {
  ConfigureStock: t<uc.ConfigureStock>('ConfigureStock'),
  ChangeStock: t<uc.ChangeStock>('ChangeStock'),
  ChangeOrderStock: t<uc.ChangeOrderStock>('ChangeOrderStock'),
  CheckStockConsistency: t<uc.CheckStockConsistency>('CheckStockConsistency'),
  RepairStockConsistency: t<uc.RepairStockConsistency>('RepairStockConsistency'),
  RepairLayeredStockConsistency: t<uc.RepairLayeredStockConsistency>('RepairLayeredStockConsistency'),
  ViewStock: t<uc.ViewStock>('ViewStock'),
  RecordPurchaseInTransit: t<uc.RecordPurchaseInTransit>('RecordPurchaseInTransit'),
  ReceivePurchase: t<uc.ReceivePurchase>('ReceivePurchase'),
  TransferStock: t<uc.TransferStock>('TransferStock'),
  ReceiveTransfer: t<uc.ReceiveTransfer>('ReceiveTransfer'),
  MarkDamaged: t<uc.MarkDamaged>('MarkDamaged'),
  WriteOffDamaged: t<uc.WriteOffDamaged>('WriteOffDamaged'),
  MoveStock: t<uc.MoveStock>('MoveStock'),
  TakeStock: t<uc.TakeStock>('TakeStock'),
  AssignStock: t<uc.AssignStock>('AssignStock'),
  ReleaseStock: t<uc.ReleaseStock>('ReleaseStock'),
  PickStock: t<uc.PickStock>('PickStock'),
  UnpickStock: t<uc.UnpickStock>('UnpickStock'),
  ShipStock: t<uc.ShipStock>('ShipStock'),
  ViewLayeredStock: t<uc.ViewLayeredStock>('ViewLayeredStock'),
  CheckLayeredStockConsistency: t<uc.CheckLayeredStockConsistency>('CheckLayeredStockConsistency'),
} as const;

/** Inventory use cases: the sales layer, and the flows over the dispatch and warehouse layers. */
export const inventoryModule = new ContainerModule(({ bind }) => {
  const deps = [TOKENS.UnitOfWork, TOKENS.IdGenerator, TOKENS.Clock] as const;
  bind(INVENTORY.ConfigureStock).toResolvedValue((u) => new uc.ConfigureStock(u), [TOKENS.UnitOfWork]).inSingletonScope();
  bind(INVENTORY.ChangeStock).toResolvedValue((u, i, c) => new uc.ChangeStock(u, i, c), [...deps]).inSingletonScope();
  bind(INVENTORY.ChangeOrderStock).toResolvedValue((u, i, c, l) => new uc.ChangeOrderStock(u, i, c, l), [...deps, TOKENS.OrderStockLocks]).inSingletonScope();
  bind(INVENTORY.ViewStock).toResolvedValue((u) => new uc.ViewStock(u), [TOKENS.UnitOfWork]).inSingletonScope();
  bind(INVENTORY.CheckStockConsistency).toResolvedValue((u) => new uc.CheckStockConsistency(u), [TOKENS.UnitOfWork]).inSingletonScope();
  bind(INVENTORY.RepairStockConsistency).toResolvedValue((u, i, c) => new uc.RepairStockConsistency(u, i, c), [...deps]).inSingletonScope();
  bind(INVENTORY.RepairLayeredStockConsistency).toResolvedValue((u, i, c) => new uc.RepairLayeredStockConsistency(u, i, c), [...deps]).inSingletonScope();
  const flows = [
    [INVENTORY.RecordPurchaseInTransit, uc.RecordPurchaseInTransit],
    [INVENTORY.ReceivePurchase, uc.ReceivePurchase],
    [INVENTORY.TransferStock, uc.TransferStock],
    [INVENTORY.ReceiveTransfer, uc.ReceiveTransfer],
    [INVENTORY.MarkDamaged, uc.MarkDamaged],
    [INVENTORY.WriteOffDamaged, uc.WriteOffDamaged],
    [INVENTORY.MoveStock, uc.MoveStock],
    [INVENTORY.TakeStock, uc.TakeStock],
    [INVENTORY.AssignStock, uc.AssignStock],
    [INVENTORY.ReleaseStock, uc.ReleaseStock],
    [INVENTORY.PickStock, uc.PickStock],
    [INVENTORY.UnpickStock, uc.UnpickStock],
    [INVENTORY.ShipStock, uc.ShipStock],
  ] as const;
  for (const [token, Flow] of flows) {
    bind(token as ServiceIdentifier<unknown>).toResolvedValue((u, i, c) => new Flow(u, i, c), [...deps]).inSingletonScope();
  }
  bind(INVENTORY.ViewLayeredStock).toResolvedValue((u) => new uc.ViewLayeredStock(u), [TOKENS.UnitOfWork]).inSingletonScope();
  bind(INVENTORY.CheckLayeredStockConsistency).toResolvedValue((u) => new uc.CheckLayeredStockConsistency(u), [TOKENS.UnitOfWork]).inSingletonScope();
});
