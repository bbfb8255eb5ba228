/**
 * Idempotency keys (幂等): a client that retries a request — a lost response, a double tap — sends the
 * same key, and gets the first answer again instead of a second effect. The record is written in the
 * use case's own transaction, so it exists if and only if the effect committed.
 */
export interface IdempotencyRecord {
  /** Of the request that stored it: the same key with another request is refused. */
  readonly fingerprint: string;
  /** The first answer, as JSON-safe data. */
  readonly response: unknown;
}

/** Port, inside a transaction. Keys live in a scope (`place-order:<member>` …) so clients cannot collide. */
export interface IdempotencyKeys {
  get(scope: string, key: string): Promise<IdempotencyRecord | null>;
  /**
   * Stores the record with the transaction. False when another transaction stored this key first: on
   * PostgreSQL the insert waited for it to commit; the caller rolls back and answers with that record.
   */
  put(scope: string, key: string, record: IdempotencyRecord, at: Date): Promise<boolean>;
}
