import { EntitySchema } from '@mikro-orm/core';

/**
 * One row of `cache_epoch` (decision 0030): the epoch of one cached domain, given a new value from the
 * sequence `cache_epoch_seq` by the trigger function `zt_cache_bump` on every statement that writes one
 * of the domain's tables (which also notifies `zt_cache`). Only the triggers write it; the read caches
 * compare it.
 */
export class CacheEpochRecord {
  name!: string;
  epoch!: string;
}

export const CacheEpochSchema = new EntitySchema<CacheEpochRecord>({
  class: CacheEpochRecord,
  tableName: 'cache_epoch',
  properties: {
    name: { type: 'text', primary: true },
    epoch: { type: 'bigint' },
  },
});
