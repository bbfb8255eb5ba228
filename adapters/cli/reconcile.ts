import { dayOf, shiftDay } from '../../domain/reconciliation/index.js';
import type { Zhongtai } from '../container/create-zhongtai.js';

export const RECONCILE_USAGE = `  reconcile  reconcile a day (对账, PAY-3) for cron: each channel's statement downloaded and matched,
             discrepancies filed as cases (a re-run files none twice); one JSON line per run
               --date YYYY-MM-DD  the day in the channel's time zone (default yesterday, UTC)
               --channel NAME     only this channel (default every channel that downloads statements)
             exit 1 when a channel failed`;

/**
 * `zhongtai reconcile --date YYYY-MM-DD [--channel c]`: runs the day for the channel named, or for every
 * configured channel that downloads statements; prints each run (its report) as a JSON line, a failure
 * on stderr. Answers the exit status: 0, 1 (a channel failed) or 2 (bad arguments).
 */
export async function reconcileCommand(
  zt: Zhongtai,
  args: readonly string[],
  out: { write(s: string): unknown } = process.stdout,
  err: { write(s: string): unknown } = process.stderr,
): Promise<number> {
  const value = (flag: string) => (args.includes(flag) ? (args[args.indexOf(flag) + 1] ?? '') : undefined);
  const day = value('--date') ?? shiftDay(dayOf(zt.clock.now(), 'UTC'), -1);
  const only = value('--channel');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || only === '') {
    err.write('reconcile takes --date YYYY-MM-DD and optionally --channel NAME\n');
    return 2;
  }
  const channels = only ? [only] : zt.payments.channels.names.filter((n) => zt.payments.channels.get(n).statement !== undefined);
  if (channels.length === 0) {
    err.write('reconcile: no configured channel downloads statements (ZHONGTAI_PAYMENT_CHANNELS); upload a statement over HTTP instead\n');
    return 1;
  }
  let failed = 0;
  for (const channel of channels) {
    try {
      const run = await zt.reconciliation.run({ channel, day, by: 'cli' });
      out.write(`${JSON.stringify({ run: run.id, channel, day, report: run.report })}\n`);
    } catch (e) {
      failed++;
      err.write(`reconcile ${channel} ${day}: ${(e as Error).message}\n`);
    }
  }
  return failed === 0 ? 0 : 1;
}
