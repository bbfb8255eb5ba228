import { MEMBERSHIP_ERRORS } from '../../../../domain/membership/errors.js';
import type { GrowthSource } from '../../../../domain/membership/growth.js';
import {
  assertReplay,
  balanceOverflow,
  debitOf,
  insufficient,
  overflows,
  type LedgerChange,
  type LedgerEntry,
  type LedgerResult,
} from '../../../../domain/membership/ledger.js';
import { expiringPoints, type PointsSource } from '../../../../domain/membership/points.js';
import type { Ledger, PointsLedger } from '../../../../domain/membership/ports.js';
import type { DomainError } from '../../../../domain/shared/domain-error.js';
import type { MemoryTransactionState } from '../memory-transaction.js';
import { byId, key, put, read, rows } from './tables.js';

export const memberNotFound = (memberId: string): DomainError => MEMBERSHIP_ERRORS.raise('MEMBER_NOT_FOUND', `no member ${memberId}`, { memberId });

type Accounts = 'growthAccounts' | 'pointsAccounts';
type Entries = 'growthEntries' | 'pointsEntries';

/** A ledger in memory: transactions are serialised, so the guard and the write are one step. */
class MemoryLedger<S extends string> implements Ledger<S> {
  constructor(
    protected readonly tx: MemoryTransactionState,
    private readonly kind: 'growth' | 'points',
    protected readonly accounts: Accounts,
    protected readonly table: Entries,
  ) {}

  async balance(memberId: string): Promise<number> {
    return read(this.tx, this.accounts, memberId)?.balance ?? 0;
  }

  async apply(c: LedgerChange<S>): Promise<LedgerResult<S>> {
    const account = read(this.tx, this.accounts, c.memberId);
    if (!account) throw memberNotFound(c.memberId);
    const earlier = await this.entry(c.memberId, c.source, c.reference);
    if (earlier) return { entry: assertReplay(earlier, c), replayed: true, balance: account.balance };
    const delta = debitOf(account.balance, c);
    if (delta === null) throw insufficient(this.kind, c.memberId, account.balance, -c.delta);
    if (overflows(account.balance, delta)) throw balanceOverflow(this.kind, c.memberId, account.balance, delta);
    const entry: LedgerEntry<S> = {
      id: c.entryId,
      memberId: c.memberId,
      source: c.source,
      reference: c.reference,
      delta,
      at: c.at,
      expiresAt: c.expiresAt ?? null,
      detail: c.detail ?? {},
    };
    put(this.tx, this.table, { id: key(c.memberId, c.source, c.reference), version: 0, entry });
    put(this.tx, this.accounts, { ...account, balance: account.balance + delta });
    return { entry, replayed: false, balance: account.balance + delta };
  }

  async entry(memberId: string, source: S, reference: string): Promise<LedgerEntry<S> | null> {
    return (read(this.tx, this.table, key(memberId, source, reference))?.entry as LedgerEntry<S> | undefined) ?? null;
  }

  async entries(memberId: string, f: { sources?: readonly S[]; referencePrefix?: string; limit?: number } = {}): Promise<LedgerEntry<S>[]> {
    const all = rows(this.tx, this.table)
      .map((r) => r.entry as LedgerEntry<S>)
      .filter(
        (e) => e.memberId === memberId && (!f.sources || f.sources.includes(e.source)) && (!f.referencePrefix || e.reference.startsWith(f.referencePrefix)),
      )
      .sort(byId)
      .reverse();
    return f.limit ? all.slice(0, f.limit) : all;
  }
}

export class MemoryGrowthLedger extends MemoryLedger<GrowthSource> {
  constructor(tx: MemoryTransactionState) {
    super(tx, 'growth', 'growthAccounts', 'growthEntries');
  }
}

export class MemoryPointsLedger extends MemoryLedger<PointsSource> implements PointsLedger {
  constructor(tx: MemoryTransactionState) {
    super(tx, 'points', 'pointsAccounts', 'pointsEntries');
  }

  async expire(cutoff: Date, reference: string, at: Date, newId: () => string): Promise<{ members: number; points: number }> {
    const byMember = new Map<string, LedgerEntry<PointsSource>[]>();
    for (const { entry } of rows(this.tx, 'pointsEntries'))
      byMember.set(entry.memberId, [...(byMember.get(entry.memberId) ?? []), entry as LedgerEntry<PointsSource>]);
    let members = 0;
    let points = 0;
    for (const [memberId, entries] of [...byMember].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (entries.some((e) => e.source === 'expiry' && e.reference === reference)) continue;
      const n = expiringPoints(entries, cutoff, await this.balance(memberId));
      if (n <= 0) continue;
      await this.apply({ entryId: newId(), memberId, source: 'expiry', reference, delta: -n, at });
      members += 1;
      points += n;
    }
    return { members, points };
  }
}
