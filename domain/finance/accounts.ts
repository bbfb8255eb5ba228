import { FINANCE_ERRORS } from './errors.js';

/**
 * The account classes of spec §13, as a Chinese chart names them: 收入 revenue, 成本 cost, 费用 expense,
 * 存货 inventory, 应收 receivable, 应付 payable, 预收 received (in advance) and 预付 paid (in advance).
 */
export const ACCOUNT_CLASSES = ['revenue', 'cost', 'expense', 'inventory', 'receivable', 'payable', 'received', 'paid'] as const;
export type AccountClass = (typeof ACCOUNT_CLASSES)[number];

/** The side an account's balance normally lies on: assets, costs and expenses on the debit side; the rest on the credit side. */
export type Side = 'debit' | 'credit';

export interface Account {
  /** `revenue:sales`, `clearing:<channel>` … */
  readonly code: string;
  readonly class: AccountClass;
  readonly name: string;
  readonly normal: Side;
}

const NORMAL: Readonly<Record<AccountClass, Side>> = {
  revenue: 'credit',
  cost: 'debit',
  expense: 'debit',
  inventory: 'debit',
  receivable: 'debit',
  payable: 'credit',
  received: 'credit',
  paid: 'debit',
};

const account = (code: string, cls: AccountClass, name: string): Account => ({ code, class: cls, name, normal: NORMAL[cls] });

/** The fixed accounts of the chart (the clearing accounts, one per payment channel, come with the channels). */
export const ACCOUNT = {
  /** 主营业务收入: what completed orders kept; refunds after completion are taken back from it. */
  SALES: 'revenue:sales',
  /** 主营业务成本: cost of goods sold (posted once goods carry a cost, with purchase receipts). */
  COST_OF_SALES: 'cost:sales',
  /** 销售费用 – 支付手续费: the payment channels' fees, from their statements. */
  CHANNEL_FEES: 'expense:channel-fees',
  /** 库存商品: goods in stock at cost (posted once purchase receipts exist). */
  GOODS: 'inventory:goods',
  /** 应付账款 – 应付退款: refunds issued, and money of late payments to give back, not yet paid out by the channel. */
  REFUNDS_PAYABLE: 'payable:refunds',
  /** 预收账款 / 合同负债: what customers paid for orders not yet completed. */
  CUSTOMER_ADVANCES: 'received:customers',
  /** 预付账款: paid to suppliers ahead of receipt (posted once purchasing exists). */
  SUPPLIER_PREPAYMENTS: 'paid:suppliers',
} as const;

export const CHART: readonly Account[] = [
  account(ACCOUNT.SALES, 'revenue', '主营业务收入 Sales revenue'),
  account(ACCOUNT.COST_OF_SALES, 'cost', '主营业务成本 Cost of goods sold'),
  account(ACCOUNT.CHANNEL_FEES, 'expense', '支付手续费 Payment channel fees'),
  account(ACCOUNT.GOODS, 'inventory', '库存商品 Goods in stock'),
  account(ACCOUNT.REFUNDS_PAYABLE, 'payable', '应付退款 Refunds payable'),
  account(ACCOUNT.CUSTOMER_ADVANCES, 'received', '预收账款 Customer advances'),
  account(ACCOUNT.SUPPLIER_PREPAYMENTS, 'paid', '预付账款 Supplier prepayments'),
];

const CLEARING = 'clearing:';
const CHANNEL = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** Whether `channel` can name a clearing account (what payment channels are named: 1–32 lower-case letters, digits, - and _). */
export const isChannelName = (channel: string): boolean => typeof channel === 'string' && CHANNEL.test(channel);

/** 其他应收款 – <channel>: the money a payment channel holds for the shop, paid in and not yet settled. */
export function clearingAccount(channel: string): string {
  if (!isChannelName(channel)) throw FINANCE_ERRORS.raise('INVALID_POSTING', `no clearing account for channel ${JSON.stringify(channel)}`, { channel });
  return `${CLEARING}${channel}`;
}

/** The channel of a clearing account, or null. */
export const channelOfAccount = (code: string): string | null =>
  code.startsWith(CLEARING) && isChannelName(code.slice(CLEARING.length)) ? code.slice(CLEARING.length) : null;

/** The account of a code: one of the chart, or a channel's clearing account; null otherwise. */
export function accountOf(code: string): Account | null {
  const fixed = CHART.find((a) => a.code === code);
  if (fixed) return fixed;
  const channel = channelOfAccount(code);
  return channel === null ? null : account(code, 'receivable', `其他应收款 Clearing at ${channel}`);
}
