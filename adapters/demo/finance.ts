import { Money } from '../../domain/shared/money.js';
import type { Zhongtai } from '../container/create-zhongtai.js';
import { fakeChannelOf } from './ordering.js';

/** The day of a moment in China Standard Time (UTC+08:00), `YYYY-MM-DD`. */
const dayOf = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The ledger's demo data: the demo orders (paid, one completed and its return) post themselves as the
 * job runner delivers their events; to those this adds the fake channel's fees of the day the demo was
 * loaded (1.20, as a reconciled statement would report them), once — a second run finds fees posted.
 * GET /admin/ledger/trial-balance then shows clearing:fake, customer advances, revenue and fees, balanced.
 * Needs the fake payment channel (demo mode, tests).
 */
export async function seedFinanceDemo(zt: Zhongtai): Promise<void> {
  if (!fakeChannelOf(zt)) return;
  if ((await zt.ledger.postings({ kind: 'channel-fees', page: 1, size: 1 })).total > 0) return;
  await zt.ledger.postChannelFees({ channel: 'fake', day: dayOf(zt.clock.now()), fee: Money.of('1.20') });
}
