import type { IdempotencyKeys, IdempotencyRecord } from '../../../../application/shared/idempotency.js';
import type { TxScope } from '../db.js';

/**
 * Idempotency records in `idempotency_record`. `put` is `insert … on conflict do nothing`: a concurrent
 * transaction inserting the same key waits for the first to commit, then inserts nothing (false).
 */
export class MikroOrmIdempotencyKeys implements IdempotencyKeys {
  constructor(private readonly tx: TxScope) {}

  async get(scope: string, key: string): Promise<IdempotencyRecord | null> {
    const [row] = await this.tx.rows<{ fingerprint: string; response: unknown }>(
      'select fingerprint, response from idempotency_record where scope = ? and key = ?',
      [scope, key],
    );
    return row ? { fingerprint: row.fingerprint, response: row.response } : null;
  }

  async put(scope: string, key: string, record: IdempotencyRecord, at: Date): Promise<boolean> {
    const rows = await this.tx.rows<{ key: string }>(
      'insert into idempotency_record (scope, key, fingerprint, response, created_at) values (?, ?, ?, ?::jsonb, ?) on conflict (scope, key) do nothing returning key',
      [scope, key, record.fingerprint, JSON.stringify(record.response), at],
    );
    return rows.length === 1;
  }
}
