import type { DomainEvent } from '../../domain/shared/domain-event.js';
import type { IdGenerator } from '../../domain/shared/ports.js';
import type { ClaimedJob, JobRequest } from './jobs.js';

/** A committed event as a reaction receives it: with its id. */
export type CommittedEvent = DomainEvent & { readonly id: string };

/**
 * A context's reaction to another context's committed event ("order paid → growth"), registered by the
 * reacting context's module (issue #13). Delivery is durable and at least once: recording the event
 * schedules, in the same transaction, one job per subscription (key `<name>:<event id>`, so each event
 * reaches each subscription once however often it is recorded), run by the job runner with retries.
 * `handle` must be idempotent by `event.id` (or by the business ids the event carries).
 */
export interface Subscription {
  /** Unique: `<reacting context>.<what it does>`, e.g. `membership.record-paid-order`. */
  readonly name: string;
  /** The event type it reacts to, e.g. `order.paid`. */
  readonly on: string;
  handle(event: CommittedEvent): Promise<void>;
}

/** The job kind a subscription's deliveries run under. */
export const subscriptionJobKind = (name: string): string => `subscription:${name}`;

/** The event a subscription job carries (its payload is the event, as JSON keeps it). */
export function eventOfJob(job: Pick<ClaimedJob, 'payload'>): CommittedEvent {
  const p = job.payload as { id: string; type: string; aggregateId: string; occurredAt: string; payload: Record<string, unknown> };
  return { id: p.id, type: p.type, aggregateId: p.aggregateId, occurredAt: new Date(p.occurredAt), payload: p.payload };
}

/** Which subscriptions listen to each event type (filled by the composition root from the modules). */
export type SubscriptionTable = ReadonlyMap<string, readonly string[]>;

/**
 * What a unit of work does with the events a transaction records (issue #13): gives each its id, and
 * before commit schedules one job per subscription of its type, in the same transaction.
 */
export interface EventRouting {
  readonly ids: IdGenerator;
  readonly table: SubscriptionTable;
}

/** The events with their ids (an event that has one keeps it). */
export function withIds(events: readonly DomainEvent[], ids: IdGenerator): CommittedEvent[] {
  return events.map((e): CommittedEvent => (e.id ? (e as CommittedEvent) : { ...e, id: ids.next() }));
}

/** The deliveries to schedule for committed events: one job per (subscription, event), keyed so an event reaches a subscription once. */
export function subscriptionJobs(events: readonly DomainEvent[], table: SubscriptionTable): JobRequest[] {
  return events.flatMap((event) =>
    (table.get(event.type) ?? []).map((name) => ({
      kind: subscriptionJobKind(name),
      key: `${name}:${event.id}`,
      runAt: event.occurredAt,
      payload: { id: event.id, type: event.type, aggregateId: event.aggregateId, occurredAt: event.occurredAt.toISOString(), payload: event.payload },
    })),
  );
}
