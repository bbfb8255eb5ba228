import type { IdempotencyKeys, IdempotencyRecord } from '../../../application/shared/idempotency.js';
import type { MemoryTransactionState } from './memory-unit-of-work.js';

const idOf = (scope: string, key: string) => `${scope}\u0000${key}`;

/** Idempotency records in memory (transactions are serialised: the first put of a key wins). */
export class MemoryIdempotencyKeys implements IdempotencyKeys {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(scope: string, key: string): Promise<IdempotencyRecord | null> {
    const r = this.tx.read('idempotency', idOf(scope, key));
    return r ? { fingerprint: r.fingerprint, response: structuredClone(r.response) } : null;
  }

  async put(scope: string, key: string, record: IdempotencyRecord, at: Date): Promise<boolean> {
    const id = idOf(scope, key);
    if (this.tx.read('idempotency', id)) return false;
    const row = { id, fingerprint: record.fingerprint, response: structuredClone(record.response), at, version: 0 };
    this.tx.write('idempotency', row);
    return true;
  }
}
