import { dayOf, requireDay, shiftDay } from '../../domain/reconciliation/index.js';
import { type ReconciliationDeps, timeZoneOf } from './deps.js';
import { DEFAULT_DAILY_DELAY_MS, scheduleDaily } from './jobs.js';
import { ReconcileDay } from './reconcile-day.js';
import { RECONCILIATION_STORE } from './store.js';

/** Starts the daily job at `day` (default yesterday, UTC): once per day, whoever starts it again. */
export class StartDailyReconciliation {
  constructor(private readonly d: ReconciliationDeps) {}

  execute(cmd: { readonly day?: string } = {}): Promise<{ readonly day: string }> {
    const day = cmd.day ? requireDay(cmd.day) : shiftDay(dayOf(this.d.clock.now(), 'UTC'), -1);
    return this.d.uow.run(async (tx) => {
      await scheduleDaily(tx, day, this.d.dailyDelayMs ?? DEFAULT_DAILY_DELAY_MS);
      return { day };
    });
  }
}

/**
 * The handler of `reconciliation.daily`: reconciles `day` for every channel that downloads statements
 * (a channel reconciled by a download run of that day already is skipped, so a retried job does not
 * repeat it), then schedules the next day. A channel that failed makes the job fail after the others
 * ran: the runner retries it with backoff.
 */
export class RunDailyReconciliation {
  constructor(private readonly d: ReconciliationDeps) {}

  async execute(cmd: { readonly day: string }): Promise<{ readonly runs: readonly string[] }> {
    const day = requireDay(cmd.day);
    const runs: string[] = [];
    const failures: string[] = [];
    for (const name of this.d.channels.names) {
      const channel = this.d.channels.get(name);
      if (!channel.statement) continue;
      const done = await this.d.uow.run(async (tx) =>
        (await tx.use(RECONCILIATION_STORE).runs.list({ channel: name, day, limit: 100 })).some((r) => r.source === 'download'),
      );
      if (done) continue;
      try {
        runs.push((await new ReconcileDay(this.d).execute({ channel: name, day, source: 'download', by: 'system' })).id);
      } catch (e) {
        failures.push(`${name} (${timeZoneOf(this.d, name)}): ${(e as Error).message}`);
      }
    }
    await this.d.uow.run((tx) => scheduleDaily(tx, shiftDay(day, 1), this.d.dailyDelayMs ?? DEFAULT_DAILY_DELAY_MS));
    if (failures.length > 0) throw new Error(`reconciliation of ${day} failed for ${failures.join('; ')}`);
    return { runs };
  }
}
