import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventPublisher } from '../../../application/shared/unit-of-work.js';
import type { DomainEvent } from '../../../domain/shared/domain-event.js';
import { rethrowTranslated, type TxScope } from './db.js';
import { requiredTimestamp } from './records/timestamp.js';

/** Stores events in the outbox inside the caller's transaction (one statement); returns their ids. */
export async function appendToOutbox(tx: TxScope, events: readonly DomainEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const inserted = await tx.rows<{ id: string }>(
    `insert into outbox (type, aggregate_id, payload, occurred_at)
     select type, aggregate_id, payload::jsonb, occurred_at from unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[]) as e(type, aggregate_id, payload, occurred_at)
     returning id`,
    [events.map((e) => e.type), events.map((e) => e.aggregateId), events.map((e) => JSON.stringify(e.payload)), events.map((e) => e.occurredAt)],
  );
  return inserted.map((r) => String(r.id));
}

/**
 * Publishes committed events, then marks them published. When the publisher fails, the rows stay
 * unpublished (their attempts counted) for the next `drainOutbox`, and the error is rethrown.
 * Delivery is at least once: a crash between publishing and marking publishes again later.
 */
export async function publishStored(em: EntityManager, publisher: EventPublisher, events: readonly DomainEvent[], ids: readonly string[]): Promise<void> {
  try {
    await publisher.publish(events);
  } catch (error) {
    await em.execute('update outbox set attempts = attempts + 1 where id = any(array[?]::int8[])', [[...ids]]).catch(() => {});
    throw error;
  }
  await em.execute('update outbox set published_at = now() where id = any(array[?]::int8[])', [[...ids]]).catch(rethrowTranslated);
}

interface OutboxRow {
  id: string;
  type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  occurred_at: string;
}

const DRAIN_BATCH = 500;

/** Publishes every unpublished event in commit (id) order, batch by batch; returns how many. */
export async function drainOutbox(em: EntityManager, publisher: EventPublisher): Promise<number> {
  let published = 0;
  for (;;) {
    const rows = await em
      .execute<OutboxRow[]>('select id, type, aggregate_id, payload, occurred_at from outbox where published_at is null order by id limit ?', [DRAIN_BATCH])
      .catch(rethrowTranslated);
    if (rows.length === 0) return published;
    const events = rows.map(
      (r): DomainEvent => ({ type: r.type, aggregateId: r.aggregate_id, occurredAt: requiredTimestamp(r.occurred_at), payload: r.payload }),
    );
    await publishStored(em, publisher, events, rows.map((r) => String(r.id)));
    published += rows.length;
    if (rows.length < DRAIN_BATCH) return published;
  }
}
