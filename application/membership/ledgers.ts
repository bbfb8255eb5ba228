import type { GrowthSource } from '../../domain/membership/growth.js';
import { balanceOverflow, type LedgerChange, type LedgerResult } from '../../domain/membership/ledger.js';
import { levelOf, type LevelTable } from '../../domain/membership/levels.js';
import type { PointsSource } from '../../domain/membership/points.js';
import type { Ledger } from '../../domain/membership/ports.js';
import { INT32_MAX, isWholeIn } from '../../domain/shared/integers.js';
import type { UseCaseDeps } from '../shared/deps.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { member, rules } from './lookups.js';
import { MEMBERSHIP_STORE } from './store.js';

/** What a ledger change needs beside the transaction: the clock of its entries and the ids. */
export type LedgerDeps = Pick<UseCaseDeps, 'clock' | 'ids'>;

/** Moves the platform level to what the growth reaches, with its history and event. */
export async function followGrowth(tx: Transaction, d: LedgerDeps, memberId: string, balance: number, levels: LevelTable): Promise<void> {
  const members = tx.use(MEMBERSHIP_STORE).members;
  const to = levelOf(balance, levels);
  const from = await members.setLevel(memberId, to);
  if (from === to) return;
  const at = d.clock.now();
  await members.recordLevelChange({ id: d.ids.next(), memberId, scope: 'platform', fromLevel: from, toLevel: to, reason: 'growth', at });
  tx.recordEvents([
    {
      type: 'membership.level.changed',
      aggregateId: memberId,
      occurredAt: at,
      payload: { scope: 'platform', fromLevel: from, toLevel: to, reason: 'growth', growth: balance },
    },
  ]);
}

export type Change<S extends string> = Omit<LedgerChange<S>, 'entryId' | 'at'>;

/** A computed change (an order's growth, a top-up's points …) larger than any balance holds is refused before it reaches a ledger. */
function bounded<S extends string>(kind: 'points' | 'growth', c: Change<S>): Change<S> {
  if (!isWholeIn(c.delta, -INT32_MAX, INT32_MAX)) throw balanceOverflow(kind, c.memberId, null, c.delta);
  return c;
}

/** One growth change: the ledger (guarded, idempotent), then the level (MBR-1 rollbacks are clamped changes). */
export async function changeGrowth(tx: Transaction, d: LedgerDeps, c: Change<GrowthSource>, levels?: LevelTable): Promise<LedgerResult<GrowthSource>> {
  await member(tx, c.memberId);
  const r = await tx.use(MEMBERSHIP_STORE).growthLedger.apply({ ...bounded('growth', c), entryId: d.ids.next(), at: d.clock.now() });
  if (!r.replayed && r.entry.delta !== 0) {
    tx.recordEvents([
      {
        type: 'membership.growth.changed',
        aggregateId: c.memberId,
        occurredAt: r.entry.at,
        payload: { source: c.source, reference: c.reference, delta: r.entry.delta, balance: r.balance },
      },
    ]);
    await followGrowth(tx, d, c.memberId, r.balance, levels ?? (await rules(tx)).levels);
  }
  return r;
}

/** One points change: the ledger (guarded, idempotent by member, source and reference) and its event. */
export async function changePoints(tx: Transaction, d: LedgerDeps, c: Change<PointsSource>): Promise<LedgerResult<PointsSource>> {
  await member(tx, c.memberId);
  const r = await tx.use(MEMBERSHIP_STORE).pointsLedger.apply({ ...bounded('points', c), entryId: d.ids.next(), at: d.clock.now() });
  if (!r.replayed && r.entry.delta !== 0) {
    tx.recordEvents([
      {
        type: 'membership.points.changed',
        aggregateId: c.memberId,
        occurredAt: r.entry.at,
        payload: { source: c.source, reference: c.reference, delta: r.entry.delta, balance: r.balance },
      },
    ]);
  }
  return r;
}

/** What earlier entries of `source` under `<prefix>` took from a ledger (as a positive number). */
export async function taken<S extends string>(ledger: Ledger<S>, memberId: string, source: S, prefix: string): Promise<number> {
  const entries = await ledger.entries(memberId, { sources: [source], referencePrefix: prefix });
  return entries.reduce((a, e) => a - e.delta, 0);
}
