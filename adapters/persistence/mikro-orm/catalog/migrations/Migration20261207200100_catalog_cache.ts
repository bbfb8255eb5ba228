import { Migration } from '@mikro-orm/migrations';
import { cacheEpochTriggers, dropCacheEpochTriggers } from '../../read-caches.js';

const TABLES = ['spu', 'sku'];

/** The catalog read cache (decision 0030): every statement that writes these tables gives the domain a new epoch and notifies. */
export class Migration20261207200100_catalog_cache extends Migration {
  override name = 'Migration20261207200100_catalog_cache';

  override up(): void {
    for (const sql of cacheEpochTriggers('catalog', TABLES)) this.addSql(sql);
  }

  override down(): void {
    for (const sql of dropCacheEpochTriggers(TABLES)) this.addSql(sql);
  }
}
