import { Migration } from '@mikro-orm/migrations';
import { cacheEpochTriggers, dropCacheEpochTriggers } from '../../read-caches.js';

const TABLES = ['activity'];

/** The promotion read cache (decision 0030): every statement that writes these tables gives the domain a new epoch and notifies. */
export class Migration20261207200200_promotion_cache extends Migration {
  override name = 'Migration20261207200200_promotion_cache';

  override up(): void {
    for (const sql of cacheEpochTriggers('promotion', TABLES)) this.addSql(sql);
  }

  override down(): void {
    for (const sql of dropCacheEpochTriggers(TABLES)) this.addSql(sql);
  }
}
