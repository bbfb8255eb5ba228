import { Dec, toDec } from '../shared/decimal.js';
import { MEMBERSHIP_ERRORS } from './errors.js';
import type { DomainEvent } from '../shared/domain-event.js';

/**
 * The projection of a paid order membership keeps (orders will write it on their events): RFM and
 * growth read it. An order counts while its net amount (amount − refunded) is above zero.
 */
export interface OrderFact {
  readonly orderId: string;
  readonly memberId: string;
  readonly paidAt: Date;
  /** Decimal strings, exact to the cent. */
  readonly amount: string;
  readonly refunded: string;
}

/**
 * RFM (spec §12): R = days since the last paid order, F = paid orders in the window, M = their total or
 * average net amount. Scores 1 (worst) … 5 (best), by quintiles of rank or by configured breakpoints.
 */
export interface RfmConfig {
  readonly windowDays: number;
  readonly monetary: 'total' | 'average';
  readonly scoring:
    | { readonly kind: 'quintiles' }
    /** Four ascending breakpoints each: R scores 1 + #{b : days ≤ b}; F and M score 1 + #{b : value ≥ b}. */
    | { readonly kind: 'breakpoints'; readonly recency: readonly number[]; readonly frequency: readonly number[]; readonly monetary: readonly string[] };
  /** MBR-2: a fall of F by at least `fallPercent` % from a previous F of at least `minPrevious` raises a wake-up. */
  readonly wakeUp: { readonly minPrevious: number; readonly fallPercent: number };
  /** Optionally, members whose R score is at most this drop one platform level per run (null: never). */
  readonly downgradeAtRecencyScore: number | null;
}

export const DEFAULT_RFM_CONFIG: RfmConfig = {
  windowDays: 365,
  monetary: 'total',
  scoring: { kind: 'quintiles' },
  wakeUp: { minPrevious: 3, fallPercent: 50 },
  downgradeAtRecencyScore: null,
};

/** The eight classic segments, by R, F, M each above (high) or not above (low) the run's mean score. */
export const SEGMENTS = [
  'general_recall', //          一般挽留 R low  F low  M low
  'important_recall', //        重要挽留 R low  F low  M high
  'general_retention', //       一般保持 R low  F high M low
  'important_retention', //     重要保持 R low  F high M high
  'general_development', //     一般发展 R high F low  M low
  'important_development', //   重要发展 R high F low  M high
  'general_value', //           一般价值 R high F high M low
  'important_value', //         重要价值 R high F high M high
] as const;
export type Segment = (typeof SEGMENTS)[number];

export function segmentOf(rHigh: boolean, fHigh: boolean, mHigh: boolean): Segment {
  return SEGMENTS[(rHigh ? 4 : 0) + (fHigh ? 2 : 0) + (mHigh ? 1 : 0)]!;
}

export interface RfmScore {
  readonly memberId: string;
  readonly recencyDays: number;
  readonly frequency: number;
  /** Decimal string, 2 places. */
  readonly monetary: string;
  readonly r: number;
  readonly f: number;
  readonly m: number;
  readonly segment: Segment;
}

const ascending = (a: readonly number[]) => a.every((v, i) => i === 0 || v > a[i - 1]!);

export function checkRfmConfig(c: RfmConfig): RfmConfig {
  const bad = (field: string, reason: string) => MEMBERSHIP_ERRORS.raise('INVALID_RFM_CONFIG', `${field}: ${reason}`, { field });
  if (!Number.isSafeInteger(c.windowDays) || c.windowDays < 1 || c.windowDays > 3660) throw bad('windowDays', '1 to 3660 days');
  if (c.monetary !== 'total' && c.monetary !== 'average') throw bad('monetary', "'total' or 'average'");
  const s = c.scoring;
  if (s?.kind === 'breakpoints') {
    for (const f of ['recency', 'frequency'] as const) {
      const b = s[f];
      if (!Array.isArray(b) || b.length !== 4 || b.some((v) => !Number.isSafeInteger(v) || v < 0) || !ascending(b))
        throw bad(f, 'four ascending whole numbers');
    }
    const m = s.monetary;
    if (!Array.isArray(m) || m.length !== 4 || m.some((v) => typeof v !== 'string' || !/^\d{1,12}(\.\d{1,2})?$/.test(v)) || !ascending(m.map(Number))) {
      throw bad('monetary', 'four ascending amounts');
    }
  } else if (s?.kind !== 'quintiles') throw bad('scoring', "'quintiles' or 'breakpoints'");
  const w = c.wakeUp;
  if (!w || !Number.isSafeInteger(w.minPrevious) || w.minPrevious < 1 || !Number.isSafeInteger(w.fallPercent) || w.fallPercent < 1 || w.fallPercent > 100) {
    throw bad('wakeUp', 'minPrevious from 1, fallPercent from 1 to 100');
  }
  const d = c.downgradeAtRecencyScore;
  if (d !== null && (!Number.isSafeInteger(d) || d < 1 || d > 5)) throw bad('downgradeAtRecencyScore', 'null or 1 to 5');
  return c;
}

const DAY = 86_400_000;

interface Base {
  memberId: string;
  recencyDays: number;
  frequency: number;
  monetary: Dec;
}

/** The R, F and M values of every member with a counting order paid at or before `asOf`. */
export function rfmValues(facts: Iterable<OrderFact>, asOf: Date, c: RfmConfig): Base[] {
  const from = asOf.getTime() - c.windowDays * DAY;
  const per = new Map<string, { last: number; f: number; total: Dec }>();
  for (const o of facts) {
    const t = o.paidAt.getTime();
    const net = toDec(o.amount).minus(toDec(o.refunded));
    if (t > asOf.getTime() || !net.greaterThan(0)) continue;
    const p = per.get(o.memberId) ?? { last: -Infinity, f: 0, total: new Dec(0) };
    p.last = Math.max(p.last, t);
    if (t > from) {
      p.f += 1;
      p.total = p.total.plus(net);
    }
    per.set(o.memberId, p);
  }
  return [...per].map(([memberId, p]) => ({
    memberId,
    recencyDays: Math.floor((asOf.getTime() - p.last) / DAY),
    frequency: p.f,
    monetary: c.monetary === 'total' || p.f === 0 ? p.total : p.total.div(p.f).toDecimalPlaces(2, Dec.ROUND_HALF_UP),
  }));
}

/**
 * Quintile score by rank, ties together: 1 + ⌊5 × (members strictly worse) / n⌋. Deterministic (no
 * arbitrary split of equal values), and what the SQL computes with `rank()`.
 */
function quintiles<T>(rows: readonly T[], worseFirst: (a: T, b: T) => number): Map<T, number> {
  const sorted = [...rows].sort(worseFirst);
  const n = sorted.length;
  const out = new Map<T, number>();
  let rank = 1;
  sorted.forEach((row, i) => {
    if (i > 0 && worseFirst(sorted[i - 1]!, row) !== 0) rank = i + 1;
    out.set(row, 1 + Math.floor((5 * (rank - 1)) / n));
  });
  return out;
}

/** Scores and segments of a run, in the domain (memory mode); PostgreSQL computes the same in SQL. */
export function computeRfm(facts: Iterable<OrderFact>, asOf: Date, c: RfmConfig): RfmScore[] {
  const rows = rfmValues(facts, asOf, c);
  const n = rows.length;
  let r: (b: Base) => number, f: (b: Base) => number, m: (b: Base) => number;
  if (c.scoring.kind === 'quintiles') {
    const rq = quintiles(rows, (a, b) => b.recencyDays - a.recencyDays);
    const fq = quintiles(rows, (a, b) => a.frequency - b.frequency);
    const mq = quintiles(rows, (a, b) => a.monetary.comparedTo(b.monetary));
    r = (b) => rq.get(b)!;
    f = (b) => fq.get(b)!;
    m = (b) => mq.get(b)!;
  } else {
    const s = c.scoring;
    r = (b) => 1 + s.recency.filter((x) => b.recencyDays <= x).length;
    f = (b) => 1 + s.frequency.filter((x) => b.frequency >= x).length;
    m = (b) => 1 + s.monetary.filter((x) => b.monetary.greaterThanOrEqualTo(x)).length;
  }
  const scored = rows.map((b) => ({ b, r: r(b), f: f(b), m: m(b) }));
  const sum = scored.reduce((a, s) => ({ r: a.r + s.r, f: a.f + s.f, m: a.m + s.m }), { r: 0, f: 0, m: 0 });
  // High = above the mean score of the run, compared exactly: score × n > Σ scores.
  return scored
    .map(({ b, r, f, m }) => ({
      memberId: b.memberId,
      recencyDays: b.recencyDays,
      frequency: b.frequency,
      monetary: b.monetary.toFixed(2),
      r,
      f,
      m,
      segment: segmentOf(r * n > sum.r, f * n > sum.f, m * n > sum.m),
    }))
    .sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
}

/** MBR-2: F fell sharply from the previous run: previous ≥ minPrevious and now ≤ previous × (1 − fall%). */
export function fellSharply(previous: number, current: number, c: RfmConfig): boolean {
  return previous >= c.wakeUp.minPrevious && current * 100 <= previous * (100 - c.wakeUp.fallPercent);
}

export function wakeUpEvent(runId: string, memberId: string, previous: number, current: number, at: Date): DomainEvent {
  return { type: 'membership.member.wake-up', aggregateId: memberId, occurredAt: at, payload: { runId, previousFrequency: previous, frequency: current } };
}

export interface RfmRun {
  readonly id: string;
  readonly asOf: Date;
  readonly config: RfmConfig;
  readonly members: number;
  readonly wakeUps: number;
  readonly downgrades: number;
  readonly at: Date;
}
