import { ContainerModule, type ServiceIdentifier } from 'inversify';
import * as uc from '../../application/inventory/index.js';
import { TOKENS } from './tokens.js';

const t = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`zhongtai.inventory.${name}`);

export const INVENTORY = {
  ConfigureStock: t<uc.ConfigureStock>('ConfigureStock'),
  ChangeStock: t<uc.ChangeStock>('ChangeStock'),
  ChangeOrderStock: t<uc.ChangeOrderStock>('ChangeOrderStock'),
  CheckStockConsistency: t<uc.CheckStockConsistency>('CheckStockConsistency'),
  ViewStock: t<uc.ViewStock>('ViewStock'),
} as const;

/** Inventory use cases (the sales layer so far). */
export const inventoryModule = new ContainerModule(({ bind }) => {
  const deps = [TOKENS.UnitOfWork, TOKENS.IdGenerator, TOKENS.Clock] as const;
  bind(INVENTORY.ConfigureStock).toResolvedValue((u) => new uc.ConfigureStock(u), [TOKENS.UnitOfWork]).inSingletonScope();
  bind(INVENTORY.ChangeStock).toResolvedValue((u, i, c) => new uc.ChangeStock(u, i, c), [...deps]).inSingletonScope();
  bind(INVENTORY.ChangeOrderStock).toResolvedValue((u, i, c, l) => new uc.ChangeOrderStock(u, i, c, l), [...deps, TOKENS.OrderStockLocks]).inSingletonScope();
  bind(INVENTORY.ViewStock).toResolvedValue((u) => new uc.ViewStock(u), [TOKENS.UnitOfWork]).inSingletonScope();
  bind(INVENTORY.CheckStockConsistency).toResolvedValue((u) => new uc.CheckStockConsistency(u), [TOKENS.UnitOfWork]).inSingletonScope();
});
