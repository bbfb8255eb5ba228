import { UnavailableError, withinDeadline } from '../../../application/shared/unavailable.js';
import { FifoLock } from '../../system/fifo-lock.js';

/** How long, and how many, may wait for a database session (decision 0024). */
export interface SessionLimits {
  /** A borrower waits at most this long for a session, then fails with UnavailableError `overloaded`. */
  readonly acquireTimeoutMs: number;
  /** Borrowers waiting at most; past it a new one fails at once (shed) instead of growing the queue. */
  readonly maxWaiting: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { acquireTimeoutMs: 5_000, maxWaiting: 100 };

export const shed = (maxWaiting: number): UnavailableError =>
  new UnavailableError('overloaded', `the service is busy: ${maxWaiting} requests already wait for the database; retry shortly`);

const waitedTooLong = (ms: number): UnavailableError =>
  new UnavailableError('overloaded', `the service is busy: no database session was free within ${ms} ms; retry shortly`);

/**
 * One session lent to one borrower at a time in arrival order (PGlite's single session), with the same
 * bounds as the server's pool: a bounded queue and a bounded wait. A borrower that gave up keeps its
 * place in the FIFO and hands the session on the moment its turn comes.
 */
export class SessionGate {
  private readonly lock = new FifoLock();
  private held = 0;
  private waiting = 0;

  constructor(private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS) {}

  async acquire(): Promise<() => void> {
    if (this.held + this.waiting > this.limits.maxWaiting) throw shed(this.limits.maxWaiting);
    this.waiting++;
    const turn = this.lock.acquire();
    const { acquireTimeoutMs } = this.limits;
    const release = await withinDeadline(turn, acquireTimeoutMs, () => waitedTooLong(acquireTimeoutMs))
      .catch((error: unknown) => {
        void turn.then((r) => r()); // given up: pass the turn on the moment it comes
        throw error;
      })
      .finally(() => this.waiting--);
    this.held++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held--;
      release();
    };
  }
}

/** The part of a `pg` Pool the queue bound needs. */
interface BoundablePool {
  readonly waitingCount: number;
  connect(callback?: (...args: unknown[]) => void): unknown;
}

/**
 * Bounds the queue of a `pg` Pool (it has none of its own): once `maxWaiting` callers wait for a
 * connection, `connect` (and `query`, which goes through it) fails at once with UnavailableError. The
 * wait itself is bounded by the pool's `connectionTimeoutMillis`.
 */
export function boundPoolQueue(pool: BoundablePool, maxWaiting: number): void {
  const connect = pool.connect.bind(pool);
  pool.connect = (callback?: (...args: unknown[]) => void) => {
    if (pool.waitingCount < maxWaiting) return callback ? connect(callback) : connect();
    const error = shed(maxWaiting);
    if (!callback) return Promise.reject(error);
    process.nextTick(callback, error);
    return undefined;
  };
}
