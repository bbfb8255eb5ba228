import { EntitySchema } from '@mikro-orm/core';

/**
 * One row of `outbox`: an event stored in the transaction that produced it, published after commit.
 * `publishedAt` stays null until a publisher took it; `attempts` counts failed publications.
 */
export class OutboxRecord {
  id!: string;
  /** The event's own id (issue #13); null for events stored before events carried ids. */
  eventId!: string | null;
  type!: string;
  aggregateId!: string;
  payload!: Record<string, unknown>;
  occurredAt!: Date;
  publishedAt!: Date | null;
  /** Until when the process that stored or drained the row holds its publication. */
  claimedUntil!: Date | null;
  attempts!: number;
}

export const OutboxSchema = new EntitySchema<OutboxRecord>({
  class: OutboxRecord,
  tableName: 'outbox',
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    eventId: { type: 'text', nullable: true },
    type: { type: 'text' },
    aggregateId: { type: 'text' },
    payload: { type: 'json' },
    occurredAt: { type: 'datetime', columnType: 'timestamptz' },
    publishedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    claimedUntil: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    attempts: { type: 'integer', default: 0 },
  },
  indexes: [{ name: 'outbox_unpublished_index', properties: ['id'], where: 'published_at is null' }],
});
