import { Money } from '../shared/money.js';
import type { PostingLine, PostingSnapshot } from './posting.js';

/** One account's totals in one currency: Σ debits, Σ credits, and the balance debits − credits (positive: a debit balance). */
export interface AccountTotals {
  readonly account: string;
  readonly currency: string;
  readonly debit: Money;
  readonly credit: Money;
  readonly balance: Money;
}

/** Which lines to total: of postings before `before` (all when absent), of one account, of one order's 分户. */
export interface TotalsQuery {
  readonly before?: Date;
  readonly account?: string;
  readonly orderId?: string;
}

/** 试算平衡表 at a moment: every account's totals over the postings before it; per currency, Σ debits = Σ credits. */
export interface TrialBalance {
  readonly at: Date;
  readonly accounts: readonly AccountTotals[];
  readonly totals: readonly { readonly currency: string; readonly debit: Money; readonly credit: Money }[];
}

/** One account's line of a period report: its balance at the period's start and end, and the change = closing − opening. */
export interface PeriodLine {
  readonly account: string;
  readonly currency: string;
  readonly opening: Money;
  readonly closing: Money;
  readonly change: Money;
}

export interface PeriodReport {
  readonly from: Date;
  readonly to: Date;
  readonly accounts: readonly PeriodLine[];
}

const byAccount = (a: { account: string; currency: string }, b: { account: string; currency: string }) =>
  a.account < b.account ? -1 : a.account > b.account ? 1 : a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0;

export const sortTotals = <T extends { account: string; currency: string }>(rows: readonly T[]): T[] => [...rows].sort(byAccount);

/** Totals per account and currency of lines, in code order (what the memory adapter computes; PostgreSQL sums in SQL). */
export function totalsOfLines(lines: readonly PostingLine[]): AccountTotals[] {
  const sums = new Map<string, { account: string; currency: string; debit: Money; credit: Money }>();
  for (const l of lines) {
    const key = `${l.account}\u0000${l.amount.currency}`;
    const zero = Money.zero(l.amount.currency);
    const s = sums.get(key) ?? { account: l.account, currency: l.amount.currency, debit: zero, credit: zero };
    sums.set(key, l.side === 'debit' ? { ...s, debit: s.debit.add(l.amount) } : { ...s, credit: s.credit.add(l.amount) });
  }
  return sortTotals([...sums.values()].map((s) => ({ ...s, balance: s.debit.subtract(s.credit) })));
}

/** The lines a totals query selects from postings. */
export function linesOf(postings: readonly PostingSnapshot[], q: TotalsQuery): PostingLine[] {
  return postings
    .filter((p) => q.before === undefined || p.at.getTime() < q.before.getTime())
    .flatMap((p) => p.lines)
    .filter((l) => (q.account === undefined || l.account === q.account) && (q.orderId === undefined || l.orderId === q.orderId));
}

/** The trial balance of account totals: each currency's Σ debits and Σ credits. */
export function trialBalanceOf(at: Date, accounts: readonly AccountTotals[]): TrialBalance {
  const totals = new Map<string, { currency: string; debit: Money; credit: Money }>();
  for (const a of accounts) {
    const t = totals.get(a.currency) ?? { currency: a.currency, debit: Money.zero(a.currency), credit: Money.zero(a.currency) };
    totals.set(a.currency, { currency: a.currency, debit: t.debit.add(a.debit), credit: t.credit.add(a.credit) });
  }
  return { at, accounts, totals: [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0)) };
}

/** Period report = closing − opening, account by account (an account in either). */
export function periodReportOf(from: Date, to: Date, opening: readonly AccountTotals[], closing: readonly AccountTotals[]): PeriodReport {
  const key = (a: AccountTotals) => `${a.account}\u0000${a.currency}`;
  const open = new Map(opening.map((a) => [key(a), a]));
  const close = new Map(closing.map((a) => [key(a), a]));
  const keys = [...new Set([...open.keys(), ...close.keys()])];
  const accounts = keys.map((k) => {
    const any = (close.get(k) ?? open.get(k))!;
    const zero = Money.zero(any.currency);
    const o = open.get(k)?.balance ?? zero;
    const c = close.get(k)?.balance ?? zero;
    return { account: any.account, currency: any.currency, opening: o, closing: c, change: c.subtract(o) };
  });
  return { from, to, accounts: sortTotals(accounts) };
}

/** An account's balance in one currency from its totals (zero when it has none). */
export const balanceIn = (totals: readonly AccountTotals[], currency: string): Money =>
  totals.find((t) => t.currency === currency)?.balance ?? Money.zero(currency);
