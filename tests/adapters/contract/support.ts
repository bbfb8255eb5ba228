import { beforeEach } from 'vitest';
import type { Persistence } from '../../../application/shared/persistence.js';
import type { EventPublisher, Transaction } from '../../../application/shared/unit-of-work.js';
import type { DomainEvent } from '../../../domain/shared/domain-event.js';

/** What a contract suite needs from an adapter: a persistence over empty tables, before each test. */
export interface ContractBackend {
  fresh(): Promise<Persistence>;
}

/** Gives the suites the persistence of the running test. */
export type CurrentPersistence = () => Persistence;

/** Records what it published; can be told to fail, or to look at the database while publishing. */
export class RecordingPublisher implements EventPublisher {
  readonly published: DomainEvent[] = [];
  failWith: unknown = undefined;
  whilePublishing?: (events: readonly DomainEvent[]) => Promise<void>;

  async publish(events: readonly DomainEvent[]): Promise<void> {
    if (this.failWith !== undefined) throw this.failWith;
    await this.whilePublishing?.(events);
    this.published.push(...events);
  }
}

/** Runs `work` in one unit of work with a publisher that keeps nothing. */
export function inTx<T>(p: Persistence, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return p.unitOfWork(new RecordingPublisher()).run(work);
}

/** JSON view of a value: Money as its string, Date as ISO. Compares snapshots across adapters. */
export function plain<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** The rejection's stable code (fails the test when nothing, or something without a code, was thrown). */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    throw error;
  }
  throw new Error('expected a rejection');
}

/**
 * Lets two concurrent transactions meet before they write, where the adapter allows it: on a server
 * both get here; where transactions are serialised (memory, PGlite) the first stops waiting after
 * `patienceMs` and the second starts only after the first committed.
 */
export function meetingPoint(parties: number, patienceMs = 300): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const allHere = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    if (++arrived >= parties) open();
    await Promise.race([allHere, new Promise((resolve) => setTimeout(resolve, patienceMs))]);
  };
}

/**
 * The persistence of the running test for a contract suite: `backend()` is awaited once, `fresh()` before
 * each test. Call inside the suite's `describe`.
 */
export function contractPersistence(backend: () => Promise<ContractBackend>): CurrentPersistence {
  let ready: Promise<ContractBackend> | undefined;
  let persistence: Persistence | undefined;
  beforeEach(async () => {
    ready ??= backend();
    persistence = await (await ready).fresh();
  });
  return () => {
    if (!persistence) throw new Error('no persistence: fresh() did not run');
    return persistence;
  };
}
