import { FREIGHT_STORE } from '../../../../application/freight/store.js';
import { pgStore, type PostgresContextPart } from '../context-part.js';
import { Migration20261122080000_freight } from './migrations/Migration20261122080000_freight.js';
import { Migration20261207200300_freight_cache } from './migrations/Migration20261207200300_freight_cache.js';
import { FreightTemplateSchema, ShopFreightSettingsSchema, SkuFreightTemplateSchema } from './records.js';
import { pgFreightStore } from './repositories.js';

/** The freight context on PostgreSQL: `freight_template`, `shop_freight_settings`, `sku_freight_template`. */
export const freightPostgres: PostgresContextPart = {
  entities: [FreightTemplateSchema, ShopFreightSettingsSchema, SkuFreightTemplateSchema],
  migrations: [
    { name: 'Migration20261122080000_freight', class: Migration20261122080000_freight },
    { name: 'Migration20261207200300_freight_cache', class: Migration20261207200300_freight_cache },
  ],
  stores: [pgStore(FREIGHT_STORE, pgFreightStore)],
};
