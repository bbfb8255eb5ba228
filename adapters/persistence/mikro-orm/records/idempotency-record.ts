import { EntitySchema } from '@mikro-orm/core';

/** One row of `idempotency_record`: the first answer to a request key, stored with its effect. */
export class IdempotencyRecordRow {
  scope!: string;
  key!: string;
  fingerprint!: string;
  response!: unknown;
  createdAt!: Date;
}

export const IdempotencyRecordSchema = new EntitySchema<IdempotencyRecordRow>({
  class: IdempotencyRecordRow,
  tableName: 'idempotency_record',
  properties: {
    scope: { type: 'text', primary: true },
    key: { type: 'text', primary: true },
    fingerprint: { type: 'text' },
    response: { type: 'json' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});
