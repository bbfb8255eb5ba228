import { channelFees, FINANCE_ERRORS, feesSource, reversalSource } from '../../domain/finance/index.js';
import type { Money } from '../../domain/shared/money.js';
import type { Transaction } from '../shared/unit-of-work.js';
import type { FinanceDeps } from './deps.js';
import { postOnce, type PostResult } from './post.js';
import { FINANCE_STORE } from './store.js';

/**
 * The source a channel's fees of a day post under now: `channel-fees:<channel>:<day>`, or — once that
 * posting was reversed (a correction) — `…#2`, `…#3`: the first whose posting is absent or not reversed.
 */
async function liveSource(tx: Transaction, channel: string, day: string): Promise<string> {
  const postings = tx.use(FINANCE_STORE).postings;
  for (let n = 1; ; n++) {
    const source = n === 1 ? feesSource(channel, day) : `${feesSource(channel, day)}#${n}`;
    const found = await postings.bySource(source);
    if (!found || !(await postings.bySource(reversalSource(found.id)))) return source;
  }
}

/**
 * A channel's fees of a day, from its reconciled statement (published for reconciliation): channel fees
 * Dr, clearing:<channel> Cr, at the day's last instant (UTC+08:00); net fees given back (negative) the
 * other way round; zero posts nothing. Once per channel and day: the same fee again is found posted,
 * another FINANCE.ALREADY_POSTED — a correction reverses the posted fees (`reversePosting`), then posts
 * the day's fees again.
 */
export class PostChannelFees {
  constructor(private readonly d: FinanceDeps) {}

  execute(cmd: { readonly channel: string; readonly day: string; readonly fee: Money }): Promise<PostResult> {
    return this.d.uow.run((tx) => postChannelFeesIn(tx, this.d, cmd));
  }
}

/** `PostChannelFees` in the caller's transaction (published: reconciliation posts a run's fees with it). */
export async function postChannelFeesIn(
  tx: Transaction,
  d: FinanceDeps,
  cmd: { readonly channel: string; readonly day: string; readonly fee: Money },
): Promise<PostResult> {
  const rule = channelFees(cmd);
  const source = await liveSource(tx, cmd.channel, cmd.day);
  const draft = rule && { ...rule, source };
  const result = draft ? await postOnce(tx, d, draft) : { posted: false, posting: await tx.use(FINANCE_STORE).postings.bySource(source) };
  if (result.posted || !result.posting) return result;
  const lines = draft?.lines ?? [];
  const same =
    result.posting.lines.length === lines.length && result.posting.lines.every((l, i) => l.side === lines[i]!.side && l.amount.equals(lines[i]!.amount));
  if (!same) {
    throw FINANCE_ERRORS.raise('ALREADY_POSTED', `the ${cmd.channel} fees of ${cmd.day} were posted for another amount`, {
      channel: cmd.channel,
      day: cmd.day,
      postingId: result.posting.id,
    });
  }
  return result;
}
