import type { LedgerEntry } from '../../../../domain/membership/ledger.js';
import type { AuditRecord, LevelChange, MemberProfile, ShopMembership } from '../../../../domain/membership/member.js';
import type { OrderFact, RfmRun, RfmScore } from '../../../../domain/membership/rfm.js';
import type { Versioned } from '../memory-database.js';
import type { MemoryTransactionState } from '../memory-transaction.js';

/**
 * The membership context's tables in the memory database, by name, with their rows: profiles, the growth
 * and points balances and ledgers (keyed by member, source, reference), history, rules, order facts, RFM.
 */
export interface MembershipTables {
  members: MemberProfile;
  growthAccounts: { id: string; balance: number; version: number };
  pointsAccounts: { id: string; balance: number; version: number };
  growthEntries: { id: string; version: number; entry: LedgerEntry };
  pointsEntries: { id: string; version: number; entry: LedgerEntry };
  memberLevelChanges: LevelChange & { version: number };
  memberAudits: AuditRecord & { version: number };
  shopMemberships: ShopMembership & Versioned;
  membershipSettings: { id: string; value: unknown; version: number };
  orderFacts: OrderFact & Versioned;
  orderRefunds: { id: string; orderId: string; amount: string; version: number };
  rfmRuns: RfmRun & { version: number };
  rfmScores: RfmScore & { id: string; runId: string; version: number };
}

export type MembershipTable = keyof MembershipTables;

/** A row of a membership table as this transaction sees it. */
export const read = <T extends MembershipTable>(tx: MemoryTransactionState, table: T, id: string): MembershipTables[T] | undefined =>
  tx.read<MembershipTables[T]>(table, id);

/** Every row of a membership table as this transaction sees it. */
export const rows = <T extends MembershipTable>(tx: MemoryTransactionState, table: T): MembershipTables[T][] => tx.rows<MembershipTables[T]>(table);

/** An optimistic write of a row of a membership table. */
export const put = <T extends MembershipTable>(tx: MemoryTransactionState, table: T, row: MembershipTables[T]): number =>
  tx.write(table, row as unknown as Versioned);

export const key = (...parts: string[]): string => parts.join('\u0000');
export const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
