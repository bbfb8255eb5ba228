import { shiftDay } from '../../domain/reconciliation/index.js';
import type { Transaction } from '../shared/unit-of-work.js';

/** The job kinds the reconciliation context owns (its manifest handles them). */
export const RECONCILIATION_JOB = {
  /** Reconcile a day for every channel that downloads statements, then schedule the next day (`RunDailyReconciliation`). */
  DAILY: 'reconciliation.daily',
} as const;

export const DEFAULT_DAILY_DELAY_MS = 10 * 3_600_000;

/** Schedules the daily job of `day` (once per day: keyed by it), `delayMs` after the day ends in UTC. */
export function scheduleDaily(tx: Transaction, day: string, delayMs: number): Promise<void> {
  const kind = RECONCILIATION_JOB.DAILY;
  const runAt = new Date(Date.parse(`${shiftDay(day, 1)}T00:00:00Z`) + delayMs);
  return tx.jobs.schedule({ kind, key: `${kind}:${day}`, runAt, payload: { day } });
}
