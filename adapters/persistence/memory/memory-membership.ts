import type { GrowthSource } from '../../../domain/membership/growth.js';
import { assertReplay, balanceOverflow, debitOf, insufficient, overflows, type LedgerChange, type LedgerEntry, type LedgerResult } from '../../../domain/membership/ledger.js';
import { percentileDisc } from '../../../domain/membership/levels.js';
import type { AuditRecord, LevelChange, MemberProfile, ShopMembership } from '../../../domain/membership/member.js';
import { expiringPoints, type PointsSource } from '../../../domain/membership/points.js';
import type { Ledger, Members, MembershipSettings, OrderFacts, PointsLedger, RfmRuns } from '../../../domain/membership/ports.js';
import { computeRfm, fellSharply, SEGMENTS, wakeUpEvent, type OrderFact, type RfmConfig, type RfmRun, type RfmScore, type Segment } from '../../../domain/membership/rfm.js';
import { toDec } from '../../../domain/shared/decimal.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { TableName, Versioned } from './memory-database.js';
import type { MemoryTransactionState } from './memory-unit-of-work.js';

/** An optimistic write of a row with more fields than `Versioned` names. */
const put = (tx: MemoryTransactionState, table: TableName, row: object): number => tx.write(table, row as Versioned);

const key = (...parts: string[]) => parts.join('\u0000');
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const notFound = (memberId: string) => DomainError.notFound('MEMBERSHIP.MEMBER_NOT_FOUND', `no member ${memberId}`, { memberId });

export class MemoryMembers implements Members {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(memberId: string): Promise<MemberProfile | null> {
    return this.tx.read('members', memberId) ?? null;
  }

  async save(m: MemberProfile): Promise<number> {
    const version = put(this.tx, 'members', m);
    for (const t of ['growthAccounts', 'pointsAccounts'] as const) {
      if (!this.tx.read(t, m.id)) put(this.tx, t, { id: m.id, balance: 0, version: 0 });
    }
    return version;
  }

  async setLevel(memberId: string, level: number): Promise<number> {
    const m = this.tx.read('members', memberId);
    if (!m) throw notFound(memberId);
    if (m.level !== level) put(this.tx, 'members', { ...m, level });
    return m.level;
  }

  async recordLevelChange(c: LevelChange): Promise<void> {
    put(this.tx, 'memberLevelChanges', { ...c, version: 0 });
  }

  async levelHistory(memberId: string): Promise<LevelChange[]> {
    return this.tx.rows('memberLevelChanges').filter((c) => c.memberId === memberId).sort(byId).reverse().map(({ version: _, ...c }) => c);
  }

  async recordAudit(r: AuditRecord): Promise<void> {
    put(this.tx, 'memberAudits', { ...r, version: 0 });
  }

  async audits(memberId: string): Promise<AuditRecord[]> {
    return this.tx.rows('memberAudits').filter((c) => c.memberId === memberId).sort(byId).reverse().map(({ version: _, ...c }) => c);
  }

  async shopMembership(shopId: string, memberId: string): Promise<ShopMembership | null> {
    const row = this.tx.read('shopMemberships', key(shopId, memberId));
    return row ? { shopId: row.shopId, memberId: row.memberId, level: row.level, joinedAt: row.joinedAt } : null;
  }

  async saveShopMembership(m: ShopMembership): Promise<void> {
    const id = key(m.shopId, m.memberId);
    put(this.tx, 'shopMemberships', { ...m, id, version: this.tx.read('shopMemberships', id)?.version ?? 0 });
  }

  async shopMemberships(memberId: string): Promise<ShopMembership[]> {
    return this.tx
      .rows('shopMemberships')
      .filter((m) => m.memberId === memberId)
      .sort((a, b) => (a.shopId < b.shopId ? -1 : a.shopId > b.shopId ? 1 : 0))
      .map((r) => ({ shopId: r.shopId, memberId: r.memberId, level: r.level, joinedAt: r.joinedAt }));
  }

  async growthAtQuantiles(quantiles: readonly number[]): Promise<{ members: number; values: number[] }> {
    const growth = this.tx.rows('members').map((m) => this.tx.read('growthAccounts', m.id)?.balance ?? 0).sort((a, b) => a - b);
    return { members: growth.length, values: quantiles.map((q) => percentileDisc(growth, q)) };
  }
}

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
    return this.tx.read(this.accounts, memberId)?.balance ?? 0;
  }

  async apply(c: LedgerChange<S>): Promise<LedgerResult<S>> {
    const account = this.tx.read(this.accounts, c.memberId);
    if (!account) throw notFound(c.memberId);
    const earlier = await this.entry(c.memberId, c.source, c.reference);
    if (earlier) return { entry: assertReplay(earlier, c), replayed: true, balance: account.balance };
    const delta = debitOf(account.balance, c);
    if (delta === null) throw insufficient(this.kind, c.memberId, account.balance, -c.delta);
    if (overflows(account.balance, delta)) throw balanceOverflow(this.kind, c.memberId, account.balance, delta);
    const entry: LedgerEntry<S> = { id: c.entryId, memberId: c.memberId, source: c.source, reference: c.reference, delta, at: c.at, expiresAt: c.expiresAt ?? null, detail: c.detail ?? {} };
    put(this.tx, this.table, { id: key(c.memberId, c.source, c.reference), version: 0, entry } as never);
    put(this.tx, this.accounts, { ...account, balance: account.balance + delta });
    return { entry, replayed: false, balance: account.balance + delta };
  }

  async entry(memberId: string, source: S, reference: string): Promise<LedgerEntry<S> | null> {
    return ((this.tx.read(this.table, key(memberId, source, reference)) as { entry: LedgerEntry<S> } | undefined)?.entry ?? null);
  }

  async entries(memberId: string, f: { sources?: readonly S[]; referencePrefix?: string; limit?: number } = {}): Promise<LedgerEntry<S>[]> {
    const all = (this.tx.rows(this.table) as unknown as { entry: LedgerEntry<S> }[])
      .map((r) => r.entry)
      .filter((e) => e.memberId === memberId && (!f.sources || f.sources.includes(e.source)) && (!f.referencePrefix || e.reference.startsWith(f.referencePrefix)))
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
    for (const { entry } of this.tx.rows('pointsEntries') as unknown as { entry: LedgerEntry<PointsSource> }[]) byMember.set(entry.memberId, [...(byMember.get(entry.memberId) ?? []), entry]);
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

export class MemoryMembershipSettings implements MembershipSettings {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get<T>(k: string): Promise<{ value: T; version: number } | null> {
    const row = this.tx.read('membershipSettings', k);
    return row ? { value: structuredClone(row.value) as T, version: row.version } : null;
  }

  async put<T>(k: string, value: T, version: number): Promise<void> {
    put(this.tx, 'membershipSettings', { id: k, value: structuredClone(value), version });
  }
}

export class MemoryOrderFacts implements OrderFacts {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(orderId: string): Promise<OrderFact | null> {
    const row = this.tx.read('orderFacts', orderId);
    return row ? { orderId: row.orderId, memberId: row.memberId, paidAt: row.paidAt, amount: row.amount, refunded: row.refunded } : null;
  }

  async record(f: OrderFact): Promise<boolean> {
    if (this.tx.read('orderFacts', f.orderId)) return false;
    put(this.tx, 'orderFacts', { ...f, id: f.orderId, version: 0 });
    return true;
  }

  async refund(orderId: string, refundId: string, amount: string): Promise<'applied' | 'replayed' | 'exceeds'> {
    if (this.tx.read('orderRefunds', refundId)) return 'replayed';
    const f = this.tx.read('orderFacts', orderId);
    if (!f) throw DomainError.notFound('MEMBERSHIP.ORDER_NOT_FOUND', `no paid order ${orderId}`, { orderId });
    const refunded = toDec(f.refunded).plus(amount);
    if (refunded.greaterThan(f.amount)) return 'exceeds';
    put(this.tx, 'orderRefunds', { id: refundId, orderId, amount, version: 0 });
    put(this.tx, 'orderFacts', { ...f, refunded: refunded.toFixed(2) });
    return 'applied';
  }
}

/** RFM in memory: the domain's `computeRfm` over every fact (memory mode is for small data). */
export class MemoryRfmRuns implements RfmRuns {
  constructor(private readonly tx: MemoryTransactionState) {}

  async run(cmd: { id: string; asOf: Date; config: RfmConfig; at: Date; newId: () => string }): Promise<RfmRun> {
    const previous = await this.latest();
    const scores = computeRfm(this.tx.rows('orderFacts'), cmd.asOf, cmd.config);
    const before = new Map(previous ? (await this.scores(previous.id, { limit: Number.MAX_SAFE_INTEGER })).map((s) => [s.memberId, s.frequency]) : []);
    let wakeUps = 0;
    let downgrades = 0;
    for (const s of scores) {
      put(this.tx, 'rfmScores', { ...s, id: key(cmd.id, s.memberId), runId: cmd.id, version: 0 });
      const prev = before.get(s.memberId);
      if (prev !== undefined && fellSharply(prev, s.frequency, cmd.config)) {
        this.tx.events.push(wakeUpEvent(cmd.id, s.memberId, prev, s.frequency, cmd.at));
        wakeUps += 1;
      }
      const m = this.tx.read('members', s.memberId);
      const d = cmd.config.downgradeAtRecencyScore;
      if (d !== null && m && s.r <= d && m.level > 1) {
        put(this.tx, 'members', { ...m, level: m.level - 1 });
        put(this.tx, 'memberLevelChanges', { id: cmd.newId(), memberId: m.id, scope: 'platform', fromLevel: m.level, toLevel: m.level - 1, reason: 'rfm', at: cmd.at, version: 0 });
        downgrades += 1;
      }
    }
    const run: RfmRun = { id: cmd.id, asOf: cmd.asOf, config: cmd.config, members: scores.length, wakeUps, downgrades, at: cmd.at };
    put(this.tx, 'rfmRuns', { ...run, version: 0 });
    return run;
  }

  async get(runId: string): Promise<RfmRun | null> {
    const r = this.tx.read('rfmRuns', runId);
    return r ? strip(r) : null;
  }

  async latest(): Promise<RfmRun | null> {
    const runs = this.tx.rows('rfmRuns').sort(byId);
    return runs.length ? strip(runs[runs.length - 1]!) : null;
  }

  async segmentCounts(runId: string): Promise<Record<Segment, number>> {
    const counts = Object.fromEntries(SEGMENTS.map((s) => [s, 0])) as Record<Segment, number>;
    for (const s of this.tx.rows('rfmScores')) if (s.runId === runId) counts[s.segment] += 1;
    return counts;
  }

  async score(runId: string, memberId: string): Promise<RfmScore | null> {
    const s = this.tx.read('rfmScores', key(runId, memberId));
    return s ? score(s) : null;
  }

  async scores(runId: string, page: { after?: string; limit: number }): Promise<RfmScore[]> {
    return this.tx
      .rows('rfmScores')
      .filter((s) => s.runId === runId && (page.after === undefined || s.memberId > page.after))
      .sort((a, b) => (a.memberId < b.memberId ? -1 : 1))
      .slice(0, page.limit)
      .map(score);
  }
}

const strip = ({ version: _, ...r }: RfmRun & { version: number }): RfmRun => r;
const score = (s: RfmScore): RfmScore => ({ memberId: s.memberId, recencyDays: s.recencyDays, frequency: s.frequency, monetary: s.monetary, r: s.r, f: s.f, m: s.m, segment: s.segment });
