import { ContainerModule, type ServiceIdentifier } from 'inversify';
import * as uc from '../../application/freight/index.js';
import type { CrossBorderPurchases } from '../../domain/crossborder/ports.js';
import { MemoryCrossBorderPurchases } from '../persistence/memory/memory-crossborder-purchases.js';
import { TOKENS } from './tokens.js';

const t = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`zhongtai.freight.${name}`);

export const FREIGHT = {
  CreateFreightTemplate: t<uc.CreateFreightTemplate>('CreateFreightTemplate'),
  UpdateFreightTemplate: t<uc.UpdateFreightTemplate>('UpdateFreightTemplate'),
  ListFreightTemplates: t<uc.ListFreightTemplates>('ListFreightTemplates'),
  GetFreightTemplate: t<uc.GetFreightTemplate>('GetFreightTemplate'),
  AssignFreightTemplate: t<uc.AssignFreightTemplate>('AssignFreightTemplate'),
  ListTemplateSkus: t<uc.ListTemplateSkus>('ListTemplateSkus'),
  SetShopFreightSettings: t<uc.SetShopFreightSettings>('SetShopFreightSettings'),
  GetShopFreightSettings: t<uc.GetShopFreightSettings>('GetShopFreightSettings'),
  QuoteFreight: t<uc.QuoteFreight>('QuoteFreight'),
} as const;

export const CROSSBORDER = {
  /** What a person paid for cross-border orders per year; `MemoryCrossBorderPurchases` until orders implement it (issue #6). */
  Purchases: Symbol.for('zhongtai.crossborder.Purchases') as ServiceIdentifier<CrossBorderPurchases>,
} as const;

/** Freight use cases (templates, shop settings, SKU assignments, quotes) and the cross-border purchases port. */
export const freightModule = new ContainerModule(({ bind }) => {
  const U = [TOKENS.UnitOfWork] as const;
  bind(FREIGHT.CreateFreightTemplate).toResolvedValue((u, i) => new uc.CreateFreightTemplate(u, i), [TOKENS.UnitOfWork, TOKENS.IdGenerator]).inSingletonScope();
  bind(FREIGHT.UpdateFreightTemplate).toResolvedValue((u) => new uc.UpdateFreightTemplate(u), [...U]).inSingletonScope();
  bind(FREIGHT.ListFreightTemplates).toResolvedValue((u) => new uc.ListFreightTemplates(u), [...U]).inSingletonScope();
  bind(FREIGHT.GetFreightTemplate).toResolvedValue((u) => new uc.GetFreightTemplate(u), [...U]).inSingletonScope();
  bind(FREIGHT.AssignFreightTemplate).toResolvedValue((u) => new uc.AssignFreightTemplate(u), [...U]).inSingletonScope();
  bind(FREIGHT.ListTemplateSkus).toResolvedValue((u) => new uc.ListTemplateSkus(u), [...U]).inSingletonScope();
  bind(FREIGHT.SetShopFreightSettings).toResolvedValue((u) => new uc.SetShopFreightSettings(u), [...U]).inSingletonScope();
  bind(FREIGHT.GetShopFreightSettings).toResolvedValue((u) => new uc.GetShopFreightSettings(u), [...U]).inSingletonScope();
  bind(FREIGHT.QuoteFreight).toResolvedValue((u) => new uc.QuoteFreight(u), [...U]).inSingletonScope();
  bind(CROSSBORDER.Purchases).toConstantValue(new MemoryCrossBorderPurchases());
});
