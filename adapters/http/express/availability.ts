import type { Request, RequestHandler, Response } from 'express';
import type { Persistence } from '../../../application/shared/persistence.js';
import { isUnavailable, UnavailableError, withinDeadline } from '../../../application/shared/unavailable.js';

/**
 * Gives every request a deadline (decision 0024): one not answered within `ms` gets `onTimeout` (a 503)
 * instead of hanging behind a stalled database; what the handler returns later is dropped. 0 = none.
 */
export function requestDeadline(ms: number, onTimeout: (req: Request, res: Response) => void): RequestHandler {
  return (req, res, next) => {
    if (!(ms > 0)) return next();
    const timer = setTimeout(() => {
      if (!res.headersSent) onTimeout(req, res);
    }, ms);
    timer.unref?.();
    res.once('close', () => clearTimeout(timer));
    next();
  };
}

export const requestTimedOut = () =>
  new UnavailableError('timeout', 'the request took too long and was given up; it may still complete: retry with the same Idempotency-Key');

/**
 * Readiness (not liveness): rejects with an UnavailableError while the service shuts down, when the
 * persistence's own check fails, or when it takes longer than `timeoutMs`.
 */
export async function checkReadiness(persistence: Persistence, timeoutMs: number, shuttingDown: boolean): Promise<void> {
  if (shuttingDown) throw new UnavailableError('shutting_down', 'the service is shutting down', { retryAfterSeconds: 5 });
  if (!persistence.checkReady) return;
  const check = persistence.checkReady(timeoutMs);
  check.catch(() => {}); // given up on at the deadline: its failure is nobody's to hear
  try {
    await withinDeadline(check, timeoutMs, () => new UnavailableError('timeout', `the database did not answer within ${timeoutMs} ms`));
  } catch (error) {
    throw isUnavailable(error) ? error : new UnavailableError('database', 'the database is unavailable', { cause: error });
  }
}
