import { DomainError } from '../../../domain/shared/domain-error.js';
import { asUnavailable } from './db-faults.js';

/**
 * How database failures become the adapter's errors: business rules backed by unique constraints,
 * values the database cannot store, busy rows (split from db.ts).
 */
const UNIQUE_VIOLATION = '23505';
const LOCK_NOT_AVAILABLE = '55P03';
const DEADLOCK_DETECTED = '40P01';

/** Which unique constraint stands for which business rule. */
const UNIQUE_RULES: Readonly<Record<string, { code: string; what: string; details?: (value: string | undefined) => Record<string, unknown> }>> = {
  spu_code_unique: { code: 'CATALOG.DUPLICATE_SPU_CODE', what: 'product code' },
  sku_code_unique: { code: 'CATALOG.DUPLICATE_SKU_CODE', what: 'SKU code', details: (value) => ({ codes: value ? [value] : [] }) },
  warehouse_code_unique: { code: 'DISPATCH.DUPLICATE_WAREHOUSE_CODE', what: 'warehouse code', details: (value) => (value ? { code: value } : {}) },
  activity_code_unique: { code: 'PROMOTION.DUPLICATE_CODE', what: 'activity code', details: (value) => (value ? { code: value } : {}) },
  group_member_order_unique: { code: 'PROMOTION.ORDER_IN_ANOTHER_GROUP', what: 'group order', details: (value) => (value ? { orderId: value } : {}) },
  group_member_member_unique: { code: 'PROMOTION.ALREADY_JOINED', what: 'group member' },
  bargain_member_unique: { code: 'PROMOTION.BARGAIN_EXISTS', what: "member's bargain on the activity" },
  invoice_live_blue_unique: { code: 'INVOICE.ALREADY_INVOICED', what: 'blue invoice of the order', details: (value) => (value ? { orderId: value } : {}) },
  ledger_posting_source_unique: { code: 'FINANCE.ALREADY_POSTED', what: 'posting of the source', details: (value) => (value ? { source: value } : {}) },
  ledger_posting_reverses_unique: {
    code: 'FINANCE.ALREADY_REVERSED',
    what: 'reversal of the posting',
    details: (value) => (value ? { postingId: value } : {}),
  },
};

/**
 * Data exceptions (SQLSTATE class 22) a value brings with it: text PostgreSQL cannot store or read as
 * its type, and numbers, strings and times past their column. The HTTP edge refuses such values first
 * (decision 0020); this is the backstop for every other way in (an embedding application, a computed
 * value): an `invalid` DomainError with a stable code, never a 500.
 */
const VALUE_ERRORS: Readonly<Record<string, { code: string; what: string }>> = {
  '22021': { code: 'VALUE.INVALID_TEXT', what: 'a text holds a character the database cannot store (NUL, or ill-formed UTF-16)' }, // character_not_in_repertoire
  '22P05': { code: 'VALUE.INVALID_TEXT', what: 'a text holds a character the database cannot store (NUL, or ill-formed UTF-16)' }, // untranslatable_character
  '22P02': { code: 'VALUE.INVALID_TEXT', what: 'a value cannot be read as its type' }, // invalid_text_representation
  '22007': { code: 'VALUE.INVALID_TEXT', what: 'a value cannot be read as a date or time' }, // invalid_datetime_format
  '22003': { code: 'VALUE.OUT_OF_RANGE', what: 'a number is past what its column holds' }, // numeric_value_out_of_range
  '22001': { code: 'VALUE.OUT_OF_RANGE', what: 'a text is longer than its column holds' }, // string_data_right_truncation
  '22008': { code: 'VALUE.OUT_OF_RANGE', what: 'a date or time is past what its column holds' }, // datetime_field_overflow
  '22009': { code: 'VALUE.OUT_OF_RANGE', what: 'a date or time is past what its column holds' }, // invalid_time_zone_displacement_value (PGlite, for the same)
  '2201W': { code: 'VALUE.OUT_OF_RANGE', what: 'a limit is negative' }, // invalid_row_count_in_limit_clause
  '2201X': { code: 'VALUE.OUT_OF_RANGE', what: 'an offset is negative' }, // invalid_row_count_in_result_offset_clause
};

/**
 * A unique violation that got past a use case's own check (two transactions racing) becomes the same
 * DomainError the check would have thrown; a value the database cannot store becomes a VALUE.* error
 * (VALUE_ERRORS); anything else is a programming or infrastructure error.
 */
export function translateDbError(error: unknown): unknown {
  // The database being down, refusing, or past a bound we set: retryable, answered 503 (decision 0024).
  const unavailable = asUnavailable(error);
  if (unavailable) return unavailable;
  const sqlState = (error as { code?: unknown })?.code;
  const bad = typeof sqlState === 'string' ? VALUE_ERRORS[sqlState] : undefined;
  if (bad) return DomainError.invalid(bad.code, `${bad.what}: ${(error as Error).message}`, { sqlState });
  if (sqlState === LOCK_NOT_AVAILABLE || sqlState === DEADLOCK_DETECTED) {
    const why = sqlState === LOCK_NOT_AVAILABLE ? 'lock timeout' : 'deadlock';
    return new DomainError('CONCURRENCY.BUSY', `a row is busy (${why}); retry shortly`, 'conflict', { retryable: true });
  }
  // By SQLSTATE, not by class: MikroORM wraps driver errors on most paths (UniqueConstraintViolationException,
  // which keeps the fields), not on all (query builder inserts throw the driver's error).
  const { code, constraint = '', detail = '' } = (error ?? {}) as { code?: unknown; constraint?: string; detail?: string };
  if (code !== UNIQUE_VIOLATION) return error;
  const rule = UNIQUE_RULES[constraint];
  if (!rule) return error;
  const value = /\)=\((.*)\) already exists/.exec(detail)?.[1];
  const details = rule.details?.(value) ?? {};
  return DomainError.conflict(rule.code, value ? `${rule.what} ${value} is taken` : `a ${rule.what} is taken`, details);
}

/**
 * For statements MikroORM runs itself (`em.execute`), which inlines parameters into the SQL text: a NUL
 * there would break the wire protocol (08P01, which reads like a connection fault) instead of raising
 * 22021, so such a parameter is refused before it is sent, with the code the database would have given.
 */
export function refuseNul(params: readonly unknown[]): void {
  const has = (v: unknown): boolean => (typeof v === 'string' ? v.includes('\u0000') : Array.isArray(v) && v.some(has));
  if (params.some(has)) throw DomainError.invalid('VALUE.INVALID_TEXT', `${VALUE_ERRORS['22021']!.what}`, { sqlState: '22021' });
}

/** For `.catch`: the failure as translateDbError sees it. */
export function rethrowTranslated(error: unknown): never {
  throw translateDbError(error);
}

export function staleAggregate(table: string, id: string): DomainError {
  return DomainError.conflict('CONCURRENCY.STALE_AGGREGATE', `${table} ${id} was changed by someone else; reload and retry`);
}
