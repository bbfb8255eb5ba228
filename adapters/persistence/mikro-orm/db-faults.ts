import { isUnavailable, UnavailableError, type UnavailableReason } from '../../../application/shared/unavailable.js';

/**
 * SQLSTATEs of a database that cannot serve now (decision 0024): besides every connection exception
 * (class 08), the server shutting down or starting (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
 * cannot_connect_now), too many connections (53300), and the bounds we set on the server's sessions:
 * statement_timeout (57014 query_canceled) and idle_in_transaction_session_timeout (25P03).
 */
const UNAVAILABLE_STATES: Readonly<Record<string, UnavailableReason>> = {
  '57P01': 'database',
  '57P02': 'database',
  '57P03': 'database',
  '53300': 'database',
  '57014': 'timeout',
  '25P03': 'timeout',
};

/** Node's errors of a socket that cannot reach, or lost, the server. */
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** What `pg`, `pg-pool` and PGlite say when the connection is gone, not yet there, or closed under us. */
const DRIVER_MESSAGES: readonly [RegExp, UnavailableReason][] = [
  [/^timeout exceeded when trying to connect/, 'overloaded'],
  [/^Connection terminated/, 'database'],
  [/^Client (has encountered a connection error|was closed) and is not queryable/, 'database'],
  [/^Cannot use a pool after calling end on the pool/, 'database'],
  [/^Query read timeout/, 'timeout'],
  [/^PGlite is clos(ed|ing)/, 'database'],
];

const MESSAGES: Readonly<Record<UnavailableReason, string>> = {
  database: 'the database is unavailable; retry shortly',
  overloaded: 'the service is busy: too many requests wait for the database; retry shortly',
  timeout: 'the database took too long to answer; retry shortly',
  shutting_down: 'the service is shutting down; retry shortly',
};

/**
 * The UnavailableError a failure of the database stands for, or undefined when it is something else (a
 * constraint, a lock timeout, a bug). Looks through MikroORM's DriverException (it copies the driver
 * error's own fields), `cause` chains and AggregateError (Node's connect to several addresses).
 */
export function asUnavailable(error: unknown, depth = 0): UnavailableError | undefined {
  if (isUnavailable(error)) return error;
  if (error === null || typeof error !== 'object' || depth > 5) return undefined;
  const reason = reasonOf(error as Fields);
  if (reason) {
    const { code, message } = error as Fields;
    const ours = code === 'SERVICE.UNAVAILABLE' && typeof message === 'string';
    return new UnavailableError(reason, ours ? message : MESSAGES[reason], { cause: error });
  }
  const { cause, errors } = error as { cause?: unknown; errors?: unknown };
  for (const inner of [cause, ...(Array.isArray(errors) ? errors : [])]) {
    const found = inner === undefined ? undefined : asUnavailable(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

interface Fields {
  readonly code?: unknown;
  readonly severity?: unknown;
  readonly message?: unknown;
  readonly reason?: unknown;
}

function reasonOf({ code, severity, message, reason }: Fields): UnavailableReason | undefined {
  // Ours, copied into a DriverException by MikroORM.
  if (code === 'SERVICE.UNAVAILABLE') return typeof reason === 'string' && reason in MESSAGES ? (reason as UnavailableReason) : 'database';
  if (typeof code === 'string') {
    if (SOCKET_ERRORS.has(code)) return 'database';
    const state = UNAVAILABLE_STATES[code];
    if (state) return state;
    if (/^08[0-9A-Z]{3}$/.test(code)) return 'database';
  }
  // FATAL and PANIC end the session (e.g. 55000 "database … is not currently accepting connections").
  if (severity === 'FATAL' || severity === 'PANIC') return 'database';
  if (typeof message === 'string') return DRIVER_MESSAGES.find(([pattern]) => pattern.test(message))?.[1];
  return undefined;
}
