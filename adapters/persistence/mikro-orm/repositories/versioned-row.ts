import type { EntityClass } from '@mikro-orm/core';
import { staleAggregate, type TxScope } from '../db.js';

/**
 * Optimistic save of an aggregate stored as one row: version 0 inserts (a row already there means
 * someone else created it), any other version updates `where id = ? and version = ?`. Zero rows
 * touched → CONCURRENCY.STALE_AGGREGATE, as in the memory adapter (raised by the statement after it, or
 * at the end of the run: the write is held, `TxScope.write`). Returns the new version.
 */
export async function saveVersionedRow<R extends { id: string; version: number }>(
  tx: TxScope,
  entity: EntityClass<R>,
  table: string,
  loadedVersion: number,
  record: R,
): Promise<number> {
  const { id, ...changes } = record;
  const qb = tx.builder.createQueryBuilder(entity);
  // Held until the run's next statement: a run whose one write this is sends it alone (decision 0030).
  await tx.write(
    loadedVersion === 0
      ? qb
          .insert(record as never)
          .onConflict('id' as never)
          .ignore()
      : qb.update(changes as never).where({ id, version: loadedVersion } as never),
    (touched) => {
      if (touched !== 1) throw staleAggregate(table, record.id);
    },
  );
  return record.version;
}
