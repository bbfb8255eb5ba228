import {
  type Account,
  type AccountTotals,
  accountOf,
  balanceIn,
  CHART,
  clearingAccount,
  FINANCE_ERRORS,
  type PeriodReport,
  periodReportOf,
  type PostingPage,
  type PostingSearch,
  type TrialBalance,
  trialBalanceOf,
} from '../../domain/finance/index.js';
import { DEFAULT_CURRENCY, type Money } from '../../domain/shared/money.js';
import type { Transaction } from '../shared/unit-of-work.js';
import type { FinanceDeps } from './deps.js';
import { FINANCE_STORE } from './store.js';

const MAX_PAGE = 100;

function moment(at: Date, what: string): Date {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw FINANCE_ERRORS.raise('INVALID_PERIOD', `${what} is not a date`);
  return at;
}

/** The chart: its fixed accounts and every clearing account in use, in code order. */
export class ListAccounts {
  constructor(private readonly d: FinanceDeps) {}

  execute(_cmd: Record<string, never> = {}): Promise<Account[]> {
    return this.d.uow.run(async (tx) => {
      const used = (await tx.use(FINANCE_STORE).postings.accountsInUse()).flatMap((code) => accountOf(code) ?? []);
      const all = new Map([...CHART, ...used].map((a) => [a.code, a]));
      return [...all.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    });
  }
}

/** Postings by source, kind, account, order and time [from, to), oldest first, a page at a time (at most 100). */
export class SearchPostings {
  constructor(private readonly d: FinanceDeps) {}

  execute(q: PostingSearch): Promise<PostingPage> {
    return this.d.uow.run((tx) => tx.use(FINANCE_STORE).postings.search({ ...q, size: Math.min(q.size, MAX_PAGE) }));
  }
}

/** 试算平衡表 at `at`: every account's totals over the postings before it; each currency's debits equal its credits. */
export class TrialBalanceAt {
  constructor(private readonly d: FinanceDeps) {}

  execute(cmd: { readonly at: Date }): Promise<TrialBalance> {
    return this.d.uow.run(async (tx) => {
      const at = moment(cmd.at, 'the moment');
      return trialBalanceOf(at, await tx.use(FINANCE_STORE).postings.totals({ before: at }));
    });
  }
}

export interface AccountBalance {
  readonly account: Account;
  readonly at: Date;
  /** Per currency; none when nothing was posted to it before `at`. */
  readonly totals: readonly AccountTotals[];
}

/** One account's balance at `at` (postings before it); FINANCE.ACCOUNT_NOT_FOUND for a code outside the chart. */
export class BalanceOfAccount {
  constructor(private readonly d: FinanceDeps) {}

  execute(cmd: { readonly account: string; readonly at: Date }): Promise<AccountBalance> {
    return this.d.uow.run(async (tx) => {
      const account = accountOf(cmd.account);
      if (!account) throw FINANCE_ERRORS.raise('ACCOUNT_NOT_FOUND', `no account ${cmd.account}`, { account: String(cmd.account) });
      const at = moment(cmd.at, 'the moment');
      return { account, at, totals: await tx.use(FINANCE_STORE).postings.totals({ before: at, account: account.code }) };
    });
  }
}

/** Period report for [from, to): each account's closing balance (at `to`) − opening balance (at `from`). FINANCE.INVALID_PERIOD when `to` is before `from`. */
export class PeriodReportOf {
  constructor(private readonly d: FinanceDeps) {}

  execute(cmd: { readonly from: Date; readonly to: Date }): Promise<PeriodReport> {
    return this.d.uow.run(async (tx) => {
      const from = moment(cmd.from, 'from');
      const to = moment(cmd.to, 'to');
      if (to.getTime() < from.getTime())
        throw FINANCE_ERRORS.raise('INVALID_PERIOD', 'a period ends after it starts', { from: from.toISOString(), to: to.toISOString() });
      const postings = tx.use(FINANCE_STORE).postings;
      return periodReportOf(from, to, await postings.totals({ before: from }), await postings.totals({ before: to }));
    });
  }
}

/**
 * Published for reconciliation: what a channel's clearing account holds at `at` (its debit balance, in
 * `currency`) — paid in, less refunds paid out and fees — to compare with the channel's reconciled statements.
 */
export async function clearingBalanceOf(tx: Transaction, channel: string, at: Date, currency: string = DEFAULT_CURRENCY): Promise<Money> {
  const account = clearingAccount(channel);
  return balanceIn(await tx.use(FINANCE_STORE).postings.totals({ before: moment(at, 'the moment'), account }), currency);
}

/** `clearingBalanceOf` in a transaction of its own. */
export class ClearingBalance {
  constructor(private readonly d: FinanceDeps) {}

  execute(cmd: { readonly channel: string; readonly at: Date; readonly currency?: string }): Promise<Money> {
    return this.d.uow.run((tx) => clearingBalanceOf(tx, cmd.channel, cmd.at, cmd.currency));
  }
}
