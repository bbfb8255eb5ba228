import type { DiscrepancyKind, LedgerRecord } from '../payment/index.js';
import type { Money } from '../shared/money.js';
import { stateMachine } from '../shared/state-machine.js';
import { RECONCILIATION_ERRORS } from './errors.js';

export const CASE_STATES = ['open', 'resolved', 'written_off'] as const;
/** A discrepancy case: open until staff (or a later run, when the discrepancy is gone) resolves it, or writes it off. */
export type CaseState = (typeof CASE_STATES)[number];

/** The case's life as data (the docs draw it; a model test keeps it true). */
export const RECONCILIATION_CASE_TRANSITIONS = {
  open: ['resolved', 'written_off'],
  resolved: [],
  written_off: [],
} as const satisfies Readonly<Record<CaseState, readonly CaseState[]>>;

export const RECONCILIATION_CASE_MACHINE = stateMachine<CaseState>(
  RECONCILIATION_CASE_TRANSITIONS,
  RECONCILIATION_ERRORS.codes.INVALID_TRANSITION,
  (from, to) => `a ${from} case cannot become ${to}`,
);

/**
 * How a case was closed: `accept` (the channel's payment went through the payment context's callback
 * path, PAY-1), `resolve` (handled outside, as the note says), `write_off` (the difference is borne), or
 * `system` (a later run of the day no longer found the discrepancy, e.g. a late callback arrived).
 */
export type CaseAction = 'accept' | 'resolve' | 'write_off' | 'system';

export interface CaseResolution {
  readonly action: CaseAction;
  /** The staff member's subject, or `system`. */
  readonly by: string;
  readonly at: Date;
  readonly note: string;
  /** For `accept`: what PAY-1 decided (`paid`: the order is paid; `late`: already paid, the money goes back). */
  readonly outcome: 'paid' | 'late' | null;
}

/** One side of a discrepancy as the case keeps it. */
export interface CaseRecord {
  readonly at: Date;
  readonly amount: Money;
  /** The channel's transaction id (channel side only). */
  readonly channelTransactionId: string | null;
}

export interface ReconciliationCaseSnapshot {
  readonly id: string;
  readonly channel: string;
  /** The statement day (in the channel's time zone). */
  readonly day: string;
  readonly kind: DiscrepancyKind;
  /** The payment number or refund id. */
  readonly number: string;
  readonly state: CaseState;
  readonly platform: CaseRecord | null;
  readonly channelRecord: CaseRecord | null;
  /** The run that found it first, and the last run that still found it. */
  readonly foundInRun: string;
  readonly lastSeenInRun: string;
  readonly openedAt: Date;
  readonly resolution: CaseResolution | null;
  readonly version: number;
}

/** What identifies a case: a re-run of the day finds the same one (idempotent). */
export const caseKey = (c: { readonly channel: string; readonly day: string; readonly kind: string; readonly number: string }): string =>
  `${c.channel}\u0000${c.day}\u0000${c.kind}\u0000${c.number}`;

const side = (r: LedgerRecord | null, channelTransactionId: string | null): CaseRecord | null =>
  r ? { at: r.at, amount: r.amount, channelTransactionId } : null;

/** A discrepancy found by a run, as the case it opens (or updates). */
export interface FoundDiscrepancy {
  readonly kind: DiscrepancyKind;
  readonly number: string;
  readonly platform: LedgerRecord | null;
  readonly channel: (LedgerRecord & { readonly channelTransactionId?: string }) | null;
}

export function openCase(p: { id: string; channel: string; day: string; runId: string; at: Date; found: FoundDiscrepancy }): ReconciliationCaseSnapshot {
  return {
    id: p.id,
    channel: p.channel,
    day: p.day,
    kind: p.found.kind,
    number: p.found.number,
    state: 'open',
    platform: side(p.found.platform, null),
    channelRecord: side(p.found.channel, p.found.channel?.channelTransactionId ?? null),
    foundInRun: p.runId,
    lastSeenInRun: p.runId,
    openedAt: p.at,
    resolution: null,
    version: 0,
  };
}

/** A later run found the case's discrepancy again: an open case takes its latest records; a closed one stays as it is. */
export function seenAgain(c: ReconciliationCaseSnapshot, runId: string, found: FoundDiscrepancy): ReconciliationCaseSnapshot {
  if (c.state !== 'open') return { ...c, lastSeenInRun: runId };
  return {
    ...c,
    platform: side(found.platform, null),
    channelRecord: side(found.channel, found.channel?.channelTransactionId ?? null),
    lastSeenInRun: runId,
  };
}

/** Closes an open case (the state table decides); `resolve` and `write_off` need a note. */
export function closeCase(c: ReconciliationCaseSnapshot, r: CaseResolution): ReconciliationCaseSnapshot {
  const to: CaseState = r.action === 'write_off' ? 'written_off' : 'resolved';
  RECONCILIATION_CASE_MACHINE.assert(c.state, to, { caseId: c.id });
  if (r.action !== 'accept' && r.action !== 'system' && r.note.trim().length === 0) {
    throw RECONCILIATION_ERRORS.raise('NOTE_REQUIRED', `say how case ${c.id} was ${r.action === 'write_off' ? 'written off' : 'resolved'}`, { caseId: c.id });
  }
  if (r.action === 'accept' && (c.kind !== 'payment_missing_here' || !c.channelRecord)) {
    throw RECONCILIATION_ERRORS.raise(
      'NOT_ACCEPTABLE',
      `only a payment the channel took and the platform does not know is accepted; case ${c.id} is ${c.kind}`,
      {
        caseId: c.id,
        kind: c.kind,
      },
    );
  }
  return { ...c, state: to, resolution: { ...r, note: r.note.trim() } };
}
