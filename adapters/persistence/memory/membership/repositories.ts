import type { MembershipStore } from '../../../../application/membership/store.js';
import { MEMBERSHIP_ERRORS } from '../../../../domain/membership/errors.js';
import { percentileDisc } from '../../../../domain/membership/levels.js';
import type { AuditRecord, LevelChange, MemberProfile, ShopMembership } from '../../../../domain/membership/member.js';
import type { Members, MembershipSettings, OrderFacts } from '../../../../domain/membership/ports.js';
import type { OrderFact } from '../../../../domain/membership/rfm.js';
import { toDec } from '../../../../domain/shared/decimal.js';
import type { MemoryTransactionState } from '../memory-transaction.js';
import { MemoryGrowthLedger, MemoryPointsLedger, memberNotFound } from './ledgers.js';
import { MemoryRfmRuns } from './rfm-runs.js';
import { byId, key, put, read, rows } from './tables.js';

/** The membership store of one memory transaction (its tables: see `MembershipTables`). */
export const memoryMembershipStore = (tx: MemoryTransactionState): MembershipStore => ({
  members: new MemoryMembers(tx),
  growthLedger: new MemoryGrowthLedger(tx),
  pointsLedger: new MemoryPointsLedger(tx),
  settings: new MemoryMembershipSettings(tx),
  orderFacts: new MemoryOrderFacts(tx),
  rfmRuns: new MemoryRfmRuns(tx),
});

const shopOf = (r: ShopMembership): ShopMembership => ({ shopId: r.shopId, memberId: r.memberId, level: r.level, joinedAt: r.joinedAt });

export class MemoryMembers implements Members {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(memberId: string): Promise<MemberProfile | null> {
    return read(this.tx, 'members', memberId) ?? null;
  }

  async save(m: MemberProfile): Promise<number> {
    const version = put(this.tx, 'members', m);
    for (const t of ['growthAccounts', 'pointsAccounts'] as const) {
      if (!read(this.tx, t, m.id)) put(this.tx, t, { id: m.id, balance: 0, version: 0 });
    }
    return version;
  }

  async setLevel(memberId: string, level: number): Promise<number> {
    const m = read(this.tx, 'members', memberId);
    if (!m) throw memberNotFound(memberId);
    if (m.level !== level) put(this.tx, 'members', { ...m, level });
    return m.level;
  }

  async recordLevelChange(c: LevelChange): Promise<void> {
    put(this.tx, 'memberLevelChanges', { ...c, version: 0 });
  }

  async levelHistory(memberId: string): Promise<LevelChange[]> {
    return rows(this.tx, 'memberLevelChanges')
      .filter((c) => c.memberId === memberId)
      .sort(byId)
      .reverse()
      .map(({ version: _, ...c }) => c);
  }

  async recordAudit(r: AuditRecord): Promise<void> {
    put(this.tx, 'memberAudits', { ...r, version: 0 });
  }

  async audits(memberId: string): Promise<AuditRecord[]> {
    return rows(this.tx, 'memberAudits')
      .filter((c) => c.memberId === memberId)
      .sort(byId)
      .reverse()
      .map(({ version: _, ...c }) => c);
  }

  async shopMembership(shopId: string, memberId: string): Promise<ShopMembership | null> {
    const row = read(this.tx, 'shopMemberships', key(shopId, memberId));
    return row ? shopOf(row) : null;
  }

  async saveShopMembership(m: ShopMembership): Promise<void> {
    const id = key(m.shopId, m.memberId);
    put(this.tx, 'shopMemberships', { ...m, id, version: read(this.tx, 'shopMemberships', id)?.version ?? 0 });
  }

  async shopMemberships(memberId: string): Promise<ShopMembership[]> {
    return rows(this.tx, 'shopMemberships')
      .filter((m) => m.memberId === memberId)
      .sort((a, b) => (a.shopId < b.shopId ? -1 : a.shopId > b.shopId ? 1 : 0))
      .map(shopOf);
  }

  async growthAtQuantiles(quantiles: readonly number[]): Promise<{ members: number; values: number[] }> {
    const growth = rows(this.tx, 'members')
      .map((m) => read(this.tx, 'growthAccounts', m.id)?.balance ?? 0)
      .sort((a, b) => a - b);
    return { members: growth.length, values: quantiles.map((q) => percentileDisc(growth, q)) };
  }
}

export class MemoryMembershipSettings implements MembershipSettings {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get<T>(k: string): Promise<{ value: T; version: number } | null> {
    const row = read(this.tx, 'membershipSettings', k);
    return row ? { value: structuredClone(row.value) as T, version: row.version } : null;
  }

  async put<T>(k: string, value: T, version: number): Promise<void> {
    put(this.tx, 'membershipSettings', { id: k, value: structuredClone(value), version });
  }
}

export class MemoryOrderFacts implements OrderFacts {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(orderId: string): Promise<OrderFact | null> {
    const row = read(this.tx, 'orderFacts', orderId);
    return row ? { orderId: row.orderId, memberId: row.memberId, paidAt: row.paidAt, amount: row.amount, refunded: row.refunded } : null;
  }

  async record(f: OrderFact): Promise<boolean> {
    if (read(this.tx, 'orderFacts', f.orderId)) return false;
    put(this.tx, 'orderFacts', { ...f, id: f.orderId, version: 0 });
    return true;
  }

  async refund(orderId: string, refundId: string, amount: string): Promise<'applied' | 'replayed' | 'exceeds'> {
    if (read(this.tx, 'orderRefunds', refundId)) return 'replayed';
    const f = read(this.tx, 'orderFacts', orderId);
    if (!f) throw MEMBERSHIP_ERRORS.raise('ORDER_NOT_FOUND', `no paid order ${orderId}`, { orderId });
    const refunded = toDec(f.refunded).plus(amount);
    if (refunded.greaterThan(f.amount)) return 'exceeds';
    put(this.tx, 'orderRefunds', { id: refundId, orderId, amount, version: 0 });
    put(this.tx, 'orderFacts', { ...f, refunded: refunded.toFixed(2) });
    return 'applied';
  }
}
