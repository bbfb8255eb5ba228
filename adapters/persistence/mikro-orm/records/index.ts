import { OutboxSchema } from './outbox-record.js';
import { IdempotencyRecordSchema } from './idempotency-record.js';
import { JobSchema } from './job-record.js';
import { CacheEpochSchema } from './cache-epoch-record.js';

export * from './outbox-record.js';
export * from './snapshot-json.js';
export * from './idempotency-record.js';
export * from './job-record.js';
export * from './cache-epoch-record.js';

/**
 * The tables of no context (the outbox, idempotency keys, jobs, read-cache epochs); with the contexts' own entities (issue
 * #13), every table the adapter maps. The committed migrations must create exactly that schema (tested).
 */
export const schemas = [OutboxSchema, IdempotencyRecordSchema, JobSchema, CacheEpochSchema];
