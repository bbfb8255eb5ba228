import { EntitySchema } from '@mikro-orm/core';

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;

/**
 * One row of `job` (decision 0017): a timer or an acknowledged notification, inserted in the transaction
 * of the change that asks for it. `key` is unique (scheduling twice keeps the first); a runner leases due
 * rows (`lockedUntil`), then sets `doneAt`, or moves `runAt` on with `attempts` counted and `lastError` kept.
 */
export class JobRecord {
  id!: string;
  kind!: string;
  key!: string;
  payload!: Record<string, unknown>;
  runAt!: Date;
  attempts!: number;
  lastError!: string | null;
  lockedUntil!: Date | null;
  doneAt!: Date | null;
  createdAt!: Date;
}

export const JobSchema = new EntitySchema<JobRecord>({
  class: JobRecord,
  tableName: 'job',
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    kind: { type: 'text' },
    key: { type: 'text' },
    payload: { type: 'json' },
    runAt: { ...timestamptz },
    attempts: { type: 'integer', default: 0 },
    lastError: { type: 'text', nullable: true },
    lockedUntil: { ...timestamptz, nullable: true },
    doneAt: { ...timestamptz, nullable: true },
    createdAt: { ...timestamptz, defaultRaw: 'now()' },
  },
  uniques: [{ name: 'job_key_unique', properties: ['key'] }],
  // The due scan (`claimDue`) reads only jobs not done, in run_at order.
  indexes: [{ name: 'job_due_index', properties: ['runAt'], where: 'done_at is null' }],
});
