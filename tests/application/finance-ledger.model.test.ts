import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import { financeContext } from '../../adapters/container/finance.js';
import { Money } from '../../domain/shared/money.js';
import { codeOf } from '../support/refusals.js';

/**
 * Model-based test of the ledger's use cases (issue #16 item 4): channel fees posted (once per channel and
 * day; again with the same fee: found; with another: FINANCE.ALREADY_POSTED; after their reversal: posted
 * again) and postings reversed
 * (posted → reversed, once: FINANCE.ALREADY_REVERSED; a reversal is itself reversible), against a model
 * of what each account must hold. After every command the trial balance sums to 0 and clearing:<channel>
 * equals −(Σ fees not cancelled by reversals).
 */
type Ledger = ReturnType<typeof createZhongtai<readonly [typeof financeContext]>>['ledger'];
interface Model {
  fees: Map<string, number>;
  /** Postings in order: their id, net effect on clearing (cents), and whether reversed. */
  postings: { id: string; clearing: number; reversed: boolean; fees: string | null }[];
}
interface Real {
  ledger: Ledger;
}
const FAR = new Date('2100-01-01T00:00:00Z');
const clearingOf = (m: Model, channel: string) => m.postings.filter((p) => p.id.startsWith(`${channel}|`)).reduce((s, p) => s + p.clearing, 0);

class PostFees implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly channel: 'fake' | 'alipay',
    readonly day: number,
    readonly cents: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const key = `${this.channel}:2026-01-${String(this.day).padStart(2, '0')}`;
    const fee = Money.fromMinor(this.cents);
    const call = r.ledger.postChannelFees({ channel: this.channel, day: key.slice(this.channel.length + 1), fee });
    const before = m.fees.get(key) ?? 0; // a day of zero fees posted nothing: its fees may come later
    if (before === 0) {
      const result = await call;
      m.fees.set(key, this.cents);
      if (this.cents !== 0) m.postings.push({ id: `${this.channel}|${result.posting!.id}`, clearing: -this.cents, reversed: false, fees: key });
      else expect(result.posted).toBe(false);
    } else if (before === this.cents) expect((await call).posted).toBe(false);
    else expect(await codeOf(call)).toBe('FINANCE.ALREADY_POSTED');
    await expectInvariants(m, r);
  }
  toString = () => `fees(${this.channel}, ${this.day}, ${this.cents})`;
}

class Reverse implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.postings.length > 0;
  async run(m: Model, r: Real): Promise<void> {
    const p = m.postings[this.pick % m.postings.length]!;
    const [channel, id] = p.id.split('|') as [string, string];
    const call = r.ledger.reversePosting({ postingId: id, reason: 'model', staffId: 'fin-1' });
    if (p.reversed) expect(await codeOf(call)).toBe('FINANCE.ALREADY_REVERSED');
    else {
      const reversal = await call;
      p.reversed = true;
      // Reversed fees are corrected by posting the day's fees again.
      if (p.fees !== null) m.fees.set(p.fees, 0);
      m.postings.push({ id: `${channel}|${reversal.id}`, clearing: -p.clearing, reversed: false, fees: null });
    }
    await expectInvariants(m, r);
  }
  toString = () => `reverse(${this.pick})`;
}

async function expectInvariants(m: Model, r: Real): Promise<void> {
  const tb = await r.ledger.trialBalance({ at: FAR });
  expect(Money.sum(tb.accounts.map((a) => a.balance)).toString()).toBe('0.00');
  for (const channel of ['fake', 'alipay']) {
    expect((await r.ledger.clearingBalance({ channel, at: FAR })).toString(), channel).toBe(Money.fromMinor(clearingOf(m, channel)).toString());
  }
}

describe('the ledger’s use cases against a model (posted → reversed)', () => {
  it('fees once per channel and day, reversals once each, and always balanced', async () => {
    const commands = [
      fc
        .tuple(fc.constantFrom('fake' as const, 'alipay' as const), fc.integer({ min: 1, max: 4 }), fc.integer({ min: -300, max: 3_000 }))
        .map(([c, d, n]) => new PostFees(c, d, n)),
      fc.nat(20).map((i) => new Reverse(i)),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
        const zt = createZhongtai({ contexts: [financeContext] as const });
        await fc.asyncModelRun(() => ({ model: { fees: new Map(), postings: [] }, real: { ledger: zt.ledger } }), cmds);
      }),
      { numRuns: 60 },
    );
  });
});
