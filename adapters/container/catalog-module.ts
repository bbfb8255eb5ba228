import { ContainerModule, type ServiceIdentifier } from 'inversify';
import * as uc from '../../application/catalog/index.js';
import type { UnitOfWork } from '../../application/shared/unit-of-work.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import { TOKENS } from './tokens.js';

const t = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`zhongtai.catalog.${name}`);

export const CATALOG = {
  CreateCategory: t<uc.CreateCategory>('CreateCategory'),
  UpdateCategory: t<uc.UpdateCategory>('UpdateCategory'),
  DeleteCategory: t<uc.DeleteCategory>('DeleteCategory'),
  CreateBrand: t<uc.CreateBrand>('CreateBrand'),
  UpdateBrand: t<uc.UpdateBrand>('UpdateBrand'),
  CreateFrontCategory: t<uc.CreateFrontCategory>('CreateFrontCategory'),
  UpdateFrontCategory: t<uc.UpdateFrontCategory>('UpdateFrontCategory'),
  DeleteFrontCategory: t<uc.DeleteFrontCategory>('DeleteFrontCategory'),
  CreateSpu: t<uc.CreateSpu>('CreateSpu'),
  CreateComboSpu: t<uc.CreateComboSpu>('CreateComboSpu'),
  UpdateSpu: t<uc.UpdateSpu>('UpdateSpu'),
  ChangeSkuPrice: t<uc.ChangeSkuPrice>('ChangeSkuPrice'),
  ChangeListing: t<uc.ChangeListing>('ChangeListing'),
  ApplyDueListingSchedules: t<uc.ApplyDueListingSchedules>('ApplyDueListingSchedules'),
} as const;

/** Catalog use cases, built from ports without decorators (domain and application stay framework-free). */
export const catalogModule = new ContainerModule(({ bind }) => {
  const U = TOKENS.UnitOfWork;
  const withUow = <T>(id: ServiceIdentifier<T>, make: (u: UnitOfWork) => T) => bind(id).toResolvedValue(make, [U]).inSingletonScope();
  const withUowClock = <T>(id: ServiceIdentifier<T>, make: (u: UnitOfWork, c: Clock) => T) =>
    bind(id).toResolvedValue(make, [U, TOKENS.Clock]).inSingletonScope();
  const withUowIds = <T>(id: ServiceIdentifier<T>, make: (u: UnitOfWork, i: IdGenerator) => T) =>
    bind(id).toResolvedValue(make, [U, TOKENS.IdGenerator]).inSingletonScope();
  const withAll = <T>(id: ServiceIdentifier<T>, make: (u: UnitOfWork, i: IdGenerator, c: Clock) => T) =>
    bind(id).toResolvedValue(make, [U, TOKENS.IdGenerator, TOKENS.Clock]).inSingletonScope();

  withAll(CATALOG.CreateCategory, (u, i, c) => new uc.CreateCategory(u, i, c));
  withUow(CATALOG.UpdateCategory, (u) => new uc.UpdateCategory(u));
  withUow(CATALOG.DeleteCategory, (u) => new uc.DeleteCategory(u));
  withUowIds(CATALOG.CreateBrand, (u, i) => new uc.CreateBrand(u, i));
  withUow(CATALOG.UpdateBrand, (u) => new uc.UpdateBrand(u));
  withUowIds(CATALOG.CreateFrontCategory, (u, i) => new uc.CreateFrontCategory(u, i));
  withUow(CATALOG.UpdateFrontCategory, (u) => new uc.UpdateFrontCategory(u));
  withUow(CATALOG.DeleteFrontCategory, (u) => new uc.DeleteFrontCategory(u));
  withAll(CATALOG.CreateSpu, (u, i, c) => new uc.CreateSpu(u, i, c));
  withAll(CATALOG.CreateComboSpu, (u, i, c) => new uc.CreateComboSpu(u, i, c));
  withUowClock(CATALOG.UpdateSpu, (u, c) => new uc.UpdateSpu(u, c));
  withUowClock(CATALOG.ChangeSkuPrice, (u, c) => new uc.ChangeSkuPrice(u, c));
  withUowClock(CATALOG.ChangeListing, (u, c) => new uc.ChangeListing(u, c));
  withUowClock(CATALOG.ApplyDueListingSchedules, (u, c) => new uc.ApplyDueListingSchedules(u, c));
});
