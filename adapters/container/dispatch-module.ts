import { ContainerModule, type ServiceIdentifier } from 'inversify';
import * as uc from '../../application/dispatch/index.js';
import { TOKENS } from './tokens.js';

const t = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`zhongtai.dispatch.${name}`);

export const DISPATCH = {
  CreateWarehouse: t<uc.CreateWarehouse>('CreateWarehouse'),
  UpdateWarehouse: t<uc.UpdateWarehouse>('UpdateWarehouse'),
  ListWarehouses: t<uc.ListWarehouses>('ListWarehouses'),
  PreviewDispatch: t<uc.PreviewDispatch>('PreviewDispatch'),
} as const;

/** Dispatch use cases: warehouses and pre-dispatch (DSP-1) over the dispatch layer of stock. */
export const dispatchModule = new ContainerModule(({ bind }) => {
  const U = [TOKENS.UnitOfWork] as const;
  bind(DISPATCH.CreateWarehouse).toResolvedValue((u, i) => new uc.CreateWarehouse(u, i), [TOKENS.UnitOfWork, TOKENS.IdGenerator]).inSingletonScope();
  bind(DISPATCH.UpdateWarehouse).toResolvedValue((u) => new uc.UpdateWarehouse(u), [...U]).inSingletonScope();
  bind(DISPATCH.ListWarehouses).toResolvedValue((u) => new uc.ListWarehouses(u), [...U]).inSingletonScope();
  bind(DISPATCH.PreviewDispatch).toResolvedValue((u) => new uc.PreviewDispatch(u), [...U]).inSingletonScope();
});
