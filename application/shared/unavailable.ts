/**
 * Why a request could not be served just now (issue #12, decision 0024):
 * - `database`: the database is down, restarting, refusing connections or dropped the session;
 * - `overloaded`: too many requests already wait for a database session (shed at once), or none was
 *   free in time;
 * - `timeout`: a statement, an idle transaction or the request itself ran past its bound;
 * - `shutting_down`: the service is draining before it stops.
 */
export type UnavailableReason = 'database' | 'overloaded' | 'timeout' | 'shutting_down';

/**
 * The service cannot do this now, through no fault of the request: retry later (over HTTP, 503 with
 * `Retry-After`). Not a business rejection (no DomainError): nothing was decided, and a change may or
 * may not have committed when the session was lost mid-commit, which is why writes that matter carry
 * an idempotency key. Adapters classify their infrastructure failures into it; the HTTP layer maps it.
 */
export class UnavailableError extends Error {
  override readonly name = 'UnavailableError';
  /** Stable, like a DomainError's code; an own field, so that a driver wrapping this error copies it. */
  readonly code = 'SERVICE.UNAVAILABLE';
  readonly retryable = true;

  constructor(
    readonly reason: UnavailableReason,
    message: string,
    options: { readonly cause?: unknown; readonly retryAfterSeconds?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds ?? 1;
  }

  /** When a retry may succeed, in whole seconds (HTTP `Retry-After`). */
  readonly retryAfterSeconds: number;
}

/**
 * `work`, or the error `late()` makes once `ms` passed first. The work is not cancelled (nothing can be):
 * whatever it holds, it must give back when it ends on its own.
 */
export async function withinDeadline<T>(work: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function isUnavailable(error: unknown): error is UnavailableError {
  return error instanceof UnavailableError;
}
