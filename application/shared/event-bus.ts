import type { DomainEvent } from '../../domain/shared/domain-event.js';
import type { EventPublisher } from './unit-of-work.js';

export type EventHandler = (event: DomainEvent) => Promise<void> | void;

/**
 * An in-process publisher: handlers subscribe by event type (or '*'). A failing handler does not stop
 * the others and does not fail the publication: it is reported to `onError`, and the event is not
 * delivered to that handler again. Handlers that need retries keep their own (the order context will
 * bring durable, acknowledged delivery).
 */
export class InProcessEventBus implements EventPublisher {
  private readonly handlers = new Map<string, EventHandler[]>();

  constructor(private readonly onError: (error: unknown, event: DomainEvent) => void = () => {}) {}

  subscribe(type: string, handler: EventHandler): () => void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler);
    this.handlers.set(type, list);
    return () => {
      const l = this.handlers.get(type) ?? [];
      this.handlers.set(
        type,
        l.filter((h) => h !== handler),
      );
    };
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      for (const handler of [...(this.handlers.get(event.type) ?? []), ...(this.handlers.get('*') ?? [])]) {
        try {
          await handler(event);
        } catch (error) {
          this.onError(error, event);
        }
      }
    }
  }
}
