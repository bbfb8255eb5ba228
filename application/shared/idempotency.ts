import { DomainError } from '../../domain/shared/domain-error.js';

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

/**
 * The rule of idempotency keys, stated once (used by the HTTP schema too): 1 to 255 visible ASCII
 * characters, %x21-7E — no space, no control or non-ASCII character, nothing a header could mangle.
 */
export const IDEMPOTENCY_KEY_RULE = {
  minLength: 1,
  maxLength: 255,
  pattern: /^[!-~]{1,255}$/,
  description: 'an idempotency key has 1 to 255 visible ASCII characters (%x21-7E)',
} as const;
export const INVALID_IDEMPOTENCY_KEY = 'IDEMPOTENCY.INVALID_KEY';

export const isIdempotencyKey = (key: unknown): key is string => typeof key === 'string' && IDEMPOTENCY_KEY_RULE.pattern.test(key);

/** Throws `IDEMPOTENCY.INVALID_KEY` (invalid) unless the key is absent or follows the rule. */
export function checkIdempotencyKey(key: unknown): void {
  if (key !== undefined && !isIdempotencyKey(key))
    throw DomainError.invalid(INVALID_IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_RULE.description, { field: 'idempotencyKey' });
}
