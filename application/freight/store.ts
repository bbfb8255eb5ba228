import type { FreightTemplates, ShopFreightSettingsRepository, SkuFreightTemplates } from '../../domain/freight/ports.js';
import { storeKey } from '../shared/store.js';

/** The freight context's repositories in one transaction (never exported from the context's index). */
export interface FreightStore {
  readonly templates: FreightTemplates;
  readonly shopSettings: ShopFreightSettingsRepository;
  readonly skuTemplates: SkuFreightTemplates;
}

export const FREIGHT_STORE = storeKey<FreightStore>('freight');
