import type { DomainEvent } from '../../../domain/shared/domain-event.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { withIds } from '../../../application/shared/subscriptions.js';
import type { IdGenerator } from '../../../domain/shared/ports.js';
import type { MemoryDatabase, MemoryTables, TableName, Versioned } from './memory-database.js';

/** The row type of a built-in table. */
type RowOf<T extends TableName> = MemoryTables[T] extends Map<string, infer S> ? S : never;

const DELETED = Symbol('deleted');
type Staged = Map<string, Versioned | typeof DELETED>;

/**
 * The view of the database one transaction has: its own writes first, then the committed data.
 * Writes are staged and applied at commit, all at once; a rollback just drops them.
 */
export class MemoryTransactionState {
  private readonly staged = new Map<string, Staged>();
  readonly events: DomainEvent[] = [];

  constructor(
    readonly db: MemoryDatabase,
    /** Gives recorded events their ids (issue #13); without it they keep what they have. */
    private readonly ids?: IdGenerator,
  ) {}

  /** Records events in this transaction's outbox, with their ids (what a store's `save` does with an aggregate's pending events). */
  record(events: readonly DomainEvent[]): void {
    this.events.push(...(this.ids ? withIds(events, this.ids) : events));
  }

  read<T extends TableName>(table: T, id: string): RowOf<T> | undefined;
  read<R>(table: string, id: string): R | undefined;
  read(table: string, id: string): unknown {
    const s = this.staged.get(table)?.get(id);
    if (s === DELETED) return undefined;
    return s ?? this.db.table(table).get(id);
  }

  /** Every row of a table as this transaction sees it. */
  rows<T extends TableName>(table: T): RowOf<T>[];
  rows<R>(table: string): R[];
  rows(table: string): unknown[] {
    const merged = new Map<string, unknown>(this.db.table(table));
    for (const [id, s] of this.staged.get(table) ?? []) {
      if (s === DELETED) merged.delete(id);
      else merged.set(id, s);
    }
    return [...merged.values()];
  }

  /** Optimistic write: the row's stored version must be the one the aggregate was loaded at. */
  write(table: string, row: Versioned): number {
    const current = this.read<Versioned>(table, row.id);
    if ((current?.version ?? 0) !== row.version) {
      throw DomainError.conflict('CONCURRENCY.STALE_AGGREGATE', `${table} ${row.id} was changed by someone else; reload and retry`);
    }
    const version = row.version + 1;
    this.stage(table).set(row.id, { ...row, version });
    return version;
  }

  delete(table: string, id: string): void {
    this.stage(table).set(id, DELETED);
  }

  commit(): void {
    for (const [table, rows] of this.staged) {
      const target = this.db.table(table);
      for (const [id, s] of rows) {
        if (s === DELETED) target.delete(id);
        else target.set(id, s);
      }
    }
    this.db.outbox.push(...this.events);
  }

  private stage(table: string): Staged {
    let s = this.staged.get(table);
    if (!s) {
      s = new Map();
      this.staged.set(table, s);
    }
    return s;
  }
}
