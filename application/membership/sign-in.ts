import { businessDay, expiryOf, previousDay, signInPoints } from '../../domain/membership/points.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { changeGrowth, changePoints } from './ledgers.js';
import { rules } from './lookups.js';
import { MEMBERSHIP_STORE } from './store.js';

/**
 * Daily sign-in (签到): once per business day; the streak counts consecutive days and every
 * `streakEvery`-th day earns the bonus. A sign-in is also the day's first manual login for growth.
 */
export class SignIn {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string }): Promise<{ points: number; streak: number; balance: number; replayed: boolean }> {
    return this.d.uow.run(async (tx) => {
      const ledger = tx.use(MEMBERSHIP_STORE).pointsLedger;
      const now = this.d.clock.now();
      const day = businessDay(now);
      // Signed in today already: the first sign-in's answer, whatever the rules say now (they may have
      // changed since, and re-applying today's entries with other amounts would be a reference reuse).
      const today = await ledger.entry(cmd.memberId, 'sign_in', day);
      if (today) return { points: today.delta, streak: Number(today.detail.streak ?? 1), balance: await ledger.balance(cmd.memberId), replayed: true };
      const r = await rules(tx);
      const yesterday = await ledger.entry(cmd.memberId, 'sign_in', previousDay(day));
      const streak = yesterday ? Number(yesterday.detail.streak ?? 1) + 1 : 1;
      const res = await changePoints(tx, this.d, {
        memberId: cmd.memberId,
        source: 'sign_in',
        reference: day,
        delta: signInPoints(r.points, streak),
        expiresAt: expiryOf(r.points, now),
        detail: { streak },
      });
      if (r.growth.dailyLogin > 0)
        await changeGrowth(tx, this.d, { memberId: cmd.memberId, source: 'login', reference: day, delta: r.growth.dailyLogin }, r.levels);
      return { points: res.entry.delta, streak: Number(res.entry.detail.streak ?? streak), balance: res.balance, replayed: res.replayed };
    });
  }
}
