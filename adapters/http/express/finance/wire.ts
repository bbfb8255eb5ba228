import { z } from 'zod';
import type { AccountBalance } from '../../../../application/finance/index.js';
import {
  ACCOUNT_CLASSES,
  type Account,
  type AccountTotals,
  POSTING_KINDS,
  type PeriodReport,
  type PostingLine,
  type PostingPage,
  type PostingSnapshot,
  type TrialBalance,
} from '../../../../domain/finance/index.js';
import { component, count, int, money, timestamp, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/** The response schemas of the ledger (分户账): accounts, postings, balances, the trial balance and period reports. */

const side = z.enum(['debit', 'credit']);

export const accountView = component(
  'LedgerAccount',
  wireObject({ code: z.string(), class: z.enum(ACCOUNT_CLASSES), name: z.string(), normal: side }),
  'An account of the chart (spec §13 classes: revenue, cost, expense, inventory, receivable, payable, received = 预收, paid = 预付), or a channel’s clearing account `clearing:<channel>`; `normal` is the side its balance normally lies on.',
);

/** A posting as the wire carries it: each line with its currency beside its amount. */
export type PostingWire = Omit<PostingSnapshot, 'lines'> & { readonly lines: readonly (PostingLine & { readonly currency: string })[] };
export const postingWire = (s: PostingSnapshot): PostingWire => ({ ...s, lines: s.lines.map((l) => ({ ...l, currency: l.amount.currency })) });

export const postingView = component(
  'LedgerPosting',
  wireObject({
    id: wireId,
    source: z.string(),
    kind: z.enum(POSTING_KINDS),
    at: timestamp,
    recordedAt: timestamp,
    memo: z.string(),
    lines: z.array(wireObject({ account: z.string(), side, amount: money, currency: z.string(), orderId: z.string().nullable() })),
    reverses: wireId.nullable(),
    by: z.string().nullable(),
  }),
  'A posting (记账凭证): balanced lines (FIN-1) from one source (`order.paid:<order>`, `reversal:<posting>` …), never changed; `reverses` names the posting a reversal corrects.',
);

export const postingPageView = component(
  'LedgerPostingPage',
  wireObject({ items: z.array(postingView), page: int.min(1), size: int.min(1), total: count }),
  'A page of postings, oldest first.',
);

const totalsView = component(
  'LedgerAccountTotals',
  wireObject({ account: z.string(), currency: z.string(), debit: money, credit: money, balance: money }),
  'An account’s totals in one currency: Σ debits, Σ credits, and the balance debits − credits (negative: a credit balance).',
);

export const trialBalanceView = component(
  'TrialBalance',
  wireObject({
    at: timestamp,
    accounts: z.array(totalsView),
    totals: z.array(wireObject({ currency: z.string(), debit: money, credit: money })),
  }),
  '试算平衡表: every account’s totals over the postings before `at`; per currency, Σ debits = Σ credits.',
);

export const accountBalanceView = component(
  'LedgerAccountBalance',
  wireObject({ account: accountView, at: timestamp, totals: z.array(totalsView) }),
  'One account’s totals before `at`, per currency (none when nothing was posted to it).',
);

export const periodReportView = component(
  'LedgerPeriodReport',
  wireObject({
    from: timestamp,
    to: timestamp,
    accounts: z.array(wireObject({ account: z.string(), currency: z.string(), opening: money, closing: money, change: money })),
  }),
  'Period report for [from, to): each account’s opening and closing balance (debits − credits) and the change = closing − opening.',
);

export const postingPageWire = (p: PostingPage) => ({ ...p, items: p.items.map(postingWire) });

// The schemas are the JSON form of the types the use cases return (a compile error when either drifts).
export type FinanceWireChecks = [
  Check<Same<z.output<typeof accountView>, Json<Account>>>,
  Check<Same<z.output<typeof postingView>, Json<PostingWire>>>,
  Check<Same<z.output<typeof totalsView>, Json<AccountTotals>>>,
  Check<Same<z.output<typeof trialBalanceView>, Json<TrialBalance>>>,
  Check<Same<z.output<typeof accountBalanceView>, Json<AccountBalance>>>,
  Check<Same<z.output<typeof periodReportView>, Json<PeriodReport>>>,
];
