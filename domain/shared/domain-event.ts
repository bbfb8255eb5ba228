/**
 * Something that happened in the domain. Aggregates record events as they change; the application
 * service pulls them after the change and hands them to the unit of work, which stores them in the
 * outbox in the same transaction and publishes them after commit.
 */
export interface DomainEvent<Type extends string = string, Payload = Record<string, unknown>> {
  /**
   * The event's own id (a UUID v7), given by the unit of work when the event is recorded; aggregates
   * leave it out. Reactions are idempotent by it (a subscription delivers each event to its handler once
   * per id, at least once).
   */
  readonly id?: string;
  readonly type: Type;
  readonly aggregateId: string;
  readonly occurredAt: Date;
  readonly payload: Payload;
}

/** Base of aggregates that record events. Collections are created lazily: ORM hydration skips initialisers. */
export abstract class AggregateRoot {
  private recordedEvents?: DomainEvent[];

  protected record(event: DomainEvent): void {
    this.recordedEvents ??= [];
    this.recordedEvents.push(event);
  }

  /** Returns the events recorded since the last pull and forgets them. */
  pullEvents(): DomainEvent[] {
    const events = this.recordedEvents ?? [];
    this.recordedEvents = [];
    return events;
  }
}
