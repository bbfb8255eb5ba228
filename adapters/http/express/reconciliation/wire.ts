import { z } from 'zod';
import { DISCREPANCY_KINDS } from '../../../../domain/payment/index.js';
import { CASE_STATES, type ReconciliationCaseSnapshot, type ReconciliationRunSnapshot } from '../../../../domain/reconciliation/index.js';
import { component, count, int, money, stringMap, timestamp, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/** The response schemas of reconciliation (对账): a run with its report, and a discrepancy case. */

const tally = wireObject({ count, amounts: stringMap });

export const reconciliationRunView = component(
  'ReconciliationRun',
  wireObject({
    id: wireId,
    channel: z.string(),
    day: z.string(),
    timeZone: z.string(),
    source: z.enum(['download', 'upload', 'stored']),
    statementRun: wireId,
    toleranceMs: int,
    by: z.string(),
    at: timestamp,
    report: wireObject({
      statementLines: count,
      platformRecords: count,
      matched: wireObject({ payment: tally, refund: tally }),
      discrepancies: wireObject(Object.fromEntries(DISCREPANCY_KINDS.map((k) => [k, tally])) as Record<(typeof DISCREPANCY_KINDS)[number], typeof tally>),
      fees: stringMap,
      casesOpened: count,
      casesClosed: count,
      clearing: z.record(z.string(), wireObject({ statement: money, ledger: money, difference: money })).optional(),
    }),
  }),
  "A reconciliation run of one channel day (PAY-3): where its statement came from, and its report — counts and sums (per currency) of matched payments and refunds, of each discrepancy kind, the statement fees, and per currency the statement's net (payments − refunds − fees) against what the ledger's clearing account of the channel moved over the day.",
);

const caseRecord = wireObject({ at: timestamp, amount: money, channelTransactionId: z.string().nullable() });

export const reconciliationCaseView = component(
  'ReconciliationCase',
  wireObject({
    id: wireId,
    channel: z.string(),
    day: z.string(),
    kind: z.enum(DISCREPANCY_KINDS),
    number: z.string(),
    state: z.enum(CASE_STATES),
    platform: caseRecord.nullable(),
    channelRecord: caseRecord.nullable(),
    foundInRun: wireId,
    lastSeenInRun: wireId,
    openedAt: timestamp,
    resolution: wireObject({
      action: z.enum(['accept', 'resolve', 'write_off', 'system']),
      by: z.string(),
      at: timestamp,
      note: z.string(),
      outcome: z.enum(['paid', 'late']).nullable(),
    }).nullable(),
    version: int,
  }),
  'A discrepancy case (对账差异): one per channel, day, kind and number; open until resolved (by staff, by accepting the channel payment, or by the system when a re-run no longer finds it) or written off.',
);

// The schemas are the JSON form of the types the use cases return (a compile error when either drifts).
export type ReconciliationWireChecks = [
  Check<Same<z.output<typeof reconciliationRunView>, Json<ReconciliationRunSnapshot>>>,
  Check<Same<z.output<typeof reconciliationCaseView>, Json<ReconciliationCaseSnapshot>>>,
];
