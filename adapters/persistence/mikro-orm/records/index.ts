import { OutboxSchema } from './outbox-record.js';
import { orderSchemas } from './order-records.js';
import { IdempotencyRecordSchema } from './idempotency-record.js';
import { JobSchema } from './job-record.js';

export * from './outbox-record.js';
export * from './order-records.js';
export * from './idempotency-record.js';
export * from './job-record.js';

/**
 * The tables not yet moved into a context's folder (issue #13); with the contexts' own entities, every
 * table the adapter maps. The committed migrations must create exactly that schema (tested).
 */
export const schemas = [
  OutboxSchema,
  ...orderSchemas,
  IdempotencyRecordSchema,
  JobSchema,
];
