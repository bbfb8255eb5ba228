import type { Money } from '../shared/money.js';
import { stateMachine } from '../shared/state-machine.js';
import { INVOICE_ERRORS } from './errors.js';
import type { VatRate } from './tax.js';

// The invoice's states, its table of moves and the shape of its snapshot (invoice.ts moves it).

export const INVOICE_STATUSES = ['requested', 'issuing', 'issued', 'failed', 'flushing', 'red_flushed', 'cancelled'] as const;
/** 待开票, 开票中, 已开票, 开票失败 (retried), 红冲中, 已红冲, 已取消 (spec §14). */
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** The invoice's life as data (the docs draw it; a test keeps the drawing true). */
export const INVOICE_TRANSITIONS = {
  // sent to the channel; or nothing left to invoice before it was issued (a full refund)
  requested: ['issuing', 'cancelled'],
  // the channel answered: issued, or failed (retried)
  issuing: ['issued', 'failed'],
  // retried; edited by the buyer (requested again); or nothing left to invoice
  failed: ['issuing', 'requested', 'cancelled'],
  // a blue invoice whose order was refunded: its red invoice is being issued
  issued: ['flushing'],
  // the red invoice was issued
  flushing: ['red_flushed'],
  red_flushed: [],
  cancelled: [],
} as const satisfies Readonly<Record<InvoiceStatus, readonly InvoiceStatus[]>>;

export const INVOICE_MACHINE = stateMachine(INVOICE_TRANSITIONS, INVOICE_ERRORS.codes.INVALID_TRANSITION);

/** The statuses in which a blue invoice is the order's one live blue invoice (the database allows one). */
export const LIVE_BLUE_STATUSES: readonly InvoiceStatus[] = ['requested', 'issuing', 'issued', 'failed', 'flushing'];

/** 蓝字发票 (the sale) or 红字发票 (its reversal). */
export type InvoiceKind = 'blue' | 'red';

/** What the buyer enters (editable until issued). */
export interface Buyer {
  /** 个人 or 单位. */
  readonly type: 'personal' | 'company';
  /** 抬头. */
  readonly title: string;
  /** 纳税人识别号 of a company buyer (null for a person). */
  readonly taxNumber: string | null;
  /** Where the electronic invoice is sent. */
  readonly email: string | null;
  readonly address: string | null;
}

/** The seller (system fields, from the shop's settings: never edited on an invoice). */
export interface Issuer {
  readonly name: string;
  readonly taxNumber: string;
}

/** One line: its amount as paid (tax-inclusive), the rate, and the split of decision 0033. */
export interface InvoiceLine {
  /** The order line's id, or `freight`. */
  readonly lineId: string;
  readonly title: string;
  readonly quantity: number;
  readonly amount: Money;
  readonly rate: VatRate;
  readonly net: Money;
  readonly tax: Money;
}

/** What the channel gave back for an issued invoice: the fapiao's own code and number. */
export interface IssuedFapiao {
  readonly code: string;
  readonly number: string;
  readonly issuedAt: Date;
}

export interface InvoiceEntry {
  readonly at: Date;
  readonly status: InvoiceStatus;
  readonly note: string | null;
}

export interface InvoiceSnapshot {
  readonly id: string;
  readonly orderId: string;
  readonly memberId: string;
  readonly shopId: string;
  readonly kind: InvoiceKind;
  /** A red invoice: the blue invoice it reverses. */
  readonly reverses: string | null;
  /** A blue invoice being or having been red-flushed: its red invoice. */
  readonly reversedBy: string | null;
  readonly status: InvoiceStatus;
  readonly buyer: Buyer;
  readonly issuer: Issuer;
  readonly currency: string;
  readonly lines: readonly InvoiceLine[];
  /** Σ lines' amounts (negative on a red invoice). */
  readonly amount: Money;
  readonly tax: Money;
  readonly requestedAt: Date;
  readonly fapiao: IssuedFapiao | null;
  /** Times it was sent to the channel. */
  readonly attempts: number;
  readonly lastError: string | null;
  /** Its timeline, oldest first. */
  readonly history: readonly InvoiceEntry[];
  readonly version: number;
}
