import type { LedgerChange, LedgerEntry, LedgerResult } from './ledger.js';
import type { AuditRecord, LevelChange, MemberProfile, ShopMembership } from './member.js';
import type { PointsSource } from './points.js';
import type { OrderFact, RfmConfig, RfmRun, RfmScore, Segment } from './rfm.js';

export interface Members {
  get(memberId: string): Promise<MemberProfile | null>;
  /** Optimistic: the stored version must be the loaded one; returns the new version. Creates the ledgers' balances (0) with a new member. */
  save(member: MemberProfile): Promise<number>;
  /** Sets the platform level (no version check: the growth balance's row lock orders concurrent changes); returns the previous level. */
  setLevel(memberId: string, level: number): Promise<number>;
  recordLevelChange(change: LevelChange): Promise<void>;
  levelHistory(memberId: string): Promise<LevelChange[]>;
  recordAudit(record: AuditRecord): Promise<void>;
  audits(memberId: string): Promise<AuditRecord[]>;
  shopMembership(shopId: string, memberId: string): Promise<ShopMembership | null>;
  saveShopMembership(m: ShopMembership): Promise<void>;
  shopMemberships(memberId: string): Promise<ShopMembership[]>;
  /** The growth value at each quantile (`percentile_disc` over every member's growth). */
  growthAtQuantiles(quantiles: readonly number[]): Promise<{ members: number; values: number[] }>;
}

/**
 * Port: a ledger (growth or points) and its balance. `apply` is atomic: it appends the entry and moves
 * the balance, or changes nothing and throws (`MEMBERSHIP.INSUFFICIENT_*` for a debit the balance does
 * not cover). A change whose (member, source, reference) was applied before returns the first entry with
 * `replayed: true`. Adapters hold "balance ≥ 0" under any interleaving (PostgreSQL: one guarded statement).
 */
export interface Ledger<S extends string> {
  balance(memberId: string): Promise<number>;
  apply(change: LedgerChange<S>): Promise<LedgerResult<S>>;
  entry(memberId: string, source: S, reference: string): Promise<LedgerEntry<S> | null>;
  /** Newest first; `referencePrefix` narrows to one source event's entries. */
  entries(
    memberId: string,
    filter?: { readonly sources?: readonly S[]; readonly referencePrefix?: string; readonly limit?: number },
  ): Promise<LedgerEntry<S>[]>;
}

export interface PointsLedger extends Ledger<PointsSource> {
  /** The expiry sweep (FIFO, see `expiringPoints`) over every member, set-based; idempotent by `reference`. */
  expire(cutoff: Date, reference: string, at: Date, newId: () => string): Promise<{ members: number; points: number }>;
}

/** Rule tables and configuration, stored by key with a version. */
export interface MembershipSettings {
  get<T>(key: string): Promise<{ value: T; version: number } | null>;
  /** Optimistic: `version` is the stored one (0 for a new key). */
  put<T>(key: string, value: T, version: number): Promise<void>;
}

export interface OrderFacts {
  get(orderId: string): Promise<OrderFact | null>;
  /** Inserts the fact; false (and nothing written) if the order is known already. */
  record(fact: OrderFact): Promise<boolean>;
  /** Adds a refund once per refund id (a known id: 'replayed'), never above the amount ('exceeds', nothing written). */
  refund(orderId: string, refundId: string, amount: string): Promise<'applied' | 'replayed' | 'exceeds'>;
}

/**
 * RFM runs. `run` computes every member's scores over the order facts and stores them under the run id
 * (PostgreSQL: in SQL, streaming; memory: in the domain), records the wake-up events (MBR-2) against
 * the previous run in the outbox of the transaction, and applies the optional downgrades.
 */
export interface RfmRuns {
  run(run: { id: string; asOf: Date; config: RfmConfig; at: Date; newId: () => string }): Promise<RfmRun>;
  get(runId: string): Promise<RfmRun | null>;
  latest(): Promise<RfmRun | null>;
  segmentCounts(runId: string): Promise<Record<Segment, number>>;
  score(runId: string, memberId: string): Promise<RfmScore | null>;
  /** For tests and checks: every score of a run, ordered by member id. */
  scores(runId: string, page: { after?: string; limit: number }): Promise<RfmScore[]>;
}
