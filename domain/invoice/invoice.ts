import { AggregateRoot } from '../shared/domain-event.js';
import { checkBuyer } from './buyer.js';
import { INVOICE_ERRORS } from './errors.js';
import { INVOICE_MACHINE, type Buyer, type InvoiceLine, type InvoiceSnapshot, type InvoiceStatus, type IssuedFapiao, type Issuer } from './invoice-state.js';
import { totalsOf } from './lines.js';

export * from './invoice-state.js';

/**
 * 发票 (spec §14): a blue invoice for what an order keeps, or the red invoice that reverses one (红冲).
 * Requested → issuing → issued | failed (retried); a blue one is cancelled when nothing is left to
 * invoice before it was issued, and red-flushed once issued. The buyer's fields change until it is
 * issued; the issuer, lines and rates are the system's. Every move goes through INVOICE_MACHINE and
 * records an event `invoice.<what>`.
 */
export class Invoice extends AggregateRoot {
  private constructor(private s: InvoiceSnapshot) {
    super();
  }

  /** A blue invoice for an order's kept lines (at least one, each with an amount). */
  static requestBlue(c: {
    readonly id: string;
    readonly orderId: string;
    readonly memberId: string;
    readonly shopId: string;
    readonly buyer: Buyer;
    readonly issuer: Issuer;
    readonly currency: string;
    readonly lines: readonly InvoiceLine[];
    readonly at: Date;
  }): Invoice {
    if (c.lines.length === 0 || c.lines.some((l) => !l.amount.isPositive())) {
      throw INVOICE_ERRORS.raise('NOT_INVOICEABLE', `order ${c.orderId} keeps nothing to invoice`, { orderId: c.orderId });
    }
    const invoice = new Invoice({
      id: c.id,
      orderId: c.orderId,
      memberId: c.memberId,
      shopId: c.shopId,
      kind: 'blue',
      reverses: null,
      reversedBy: null,
      status: 'requested',
      buyer: checkBuyer(c.buyer),
      issuer: c.issuer,
      currency: c.currency,
      lines: c.lines,
      ...totalsOf(c.lines, c.currency),
      requestedAt: c.at,
      fapiao: null,
      attempts: 0,
      lastError: null,
      history: [{ at: c.at, status: 'requested', note: null }],
      version: 0,
    });
    invoice.event('requested', c.at, { kind: 'blue', amount: invoice.s.amount.toString() });
    return invoice;
  }

  /**
   * 红冲: the issued blue invoice is reversed by a red one of its own (its own id and, once issued, its
   * own fapiao number): every line negated, so blue + red is zero to the cent. The blue one is flushing
   * until the red one is issued.
   */
  static reverse(blue: Invoice, c: { readonly id: string; readonly at: Date }): Invoice {
    const b = blue.s;
    if (b.kind !== 'blue') throw new Error(`invoice ${b.id} is red: only a blue invoice is reversed`);
    blue.move('flushing', c.at, `reversed by ${c.id}`);
    blue.s = { ...blue.s, reversedBy: c.id };
    const lines = b.lines.map((l) => ({ ...l, amount: l.amount.negate(), net: l.net.negate(), tax: l.tax.negate() }));
    const red = new Invoice({
      ...b,
      id: c.id,
      kind: 'red',
      reverses: b.id,
      reversedBy: null,
      status: 'requested',
      lines,
      ...totalsOf(lines, b.currency),
      requestedAt: c.at,
      fapiao: null,
      attempts: 0,
      lastError: null,
      history: [{ at: c.at, status: 'requested', note: `reverses ${b.id}` }],
      version: 0,
    });
    red.event('requested', c.at, { kind: 'red', reverses: b.id, amount: red.s.amount.toString() });
    return red;
  }

  static restore(snapshot: InvoiceSnapshot): Invoice {
    return new Invoice(snapshot);
  }

  get id(): string {
    return this.s.id;
  }

  get status(): InvoiceStatus {
    return this.s.status;
  }

  /** Sent to the channel: moved to issuing, or sent again while issuing (a retry, a poll of a late answer); every send counted. */
  startIssuing(at: Date): void {
    if (this.s.status !== 'issuing') this.move('issuing', at, null);
    this.s = { ...this.s, attempts: this.s.attempts + 1 };
  }

  /**
   * The channel could not be reached or answered an error of its own: whether it issued is unknown, so
   * the invoice stays issuing (not editable) and is sent again under the same number; the error is kept.
   */
  unreachable(error: string, at: Date): void {
    if (this.s.status !== 'issuing') {
      throw INVOICE_ERRORS.raise('INVALID_TRANSITION', `invoice ${this.s.id} is ${this.s.status}, not being issued`, { from: this.s.status, to: 'issuing' });
    }
    this.s = { ...this.s, lastError: error, history: [...this.s.history, { at, status: 'issuing', note: error }] };
  }

  /** The channel issued it: the fapiao's code and number. */
  issued(fapiao: IssuedFapiao, at: Date): void {
    this.move('issued', at, `${fapiao.code} ${fapiao.number}`, 'issuing');
    this.s = { ...this.s, fapiao, lastError: null };
  }

  /** The channel refused it (its data): failed, sent again once the buyer edits it or staff retry it. */
  failed(error: string, at: Date): void {
    this.move('failed', at, error, 'issuing');
    this.s = { ...this.s, lastError: error };
  }

  /** The buyer changes their fields: only until it is issued, never while the channel is issuing it (INVOICE.NOT_EDITABLE). */
  editBuyer(buyer: Buyer, at: Date): void {
    if (this.s.kind !== 'blue' || (this.s.status !== 'requested' && this.s.status !== 'failed')) {
      throw INVOICE_ERRORS.raise('NOT_EDITABLE', `invoice ${this.s.id} is ${this.s.status}: its buyer's fields no longer change`, {
        invoiceId: this.s.id,
        status: this.s.status,
      });
    }
    this.s = { ...this.s, buyer: checkBuyer(buyer) };
    if (this.s.status === 'failed') this.move('requested', at, 'buyer edited');
    else this.event('edited', at, {});
  }

  /**
   * Before it is issued, what the order keeps changed (a refund): a blue invoice invoices the new lines,
   * or is cancelled when none are left. True when it changed.
   */
  reprice(lines: readonly InvoiceLine[], at: Date): boolean {
    if (this.s.kind !== 'blue' || (this.s.status !== 'requested' && this.s.status !== 'failed')) {
      throw new Error(`invoice ${this.s.id} is ${this.s.status}: only a blue invoice not yet sent is repriced`);
    }
    if (lines.length === 0) {
      this.move('cancelled', at, 'nothing left to invoice');
      return true;
    }
    this.s = { ...this.s, lines, ...totalsOf(lines, this.s.currency) };
    this.event('repriced', at, { amount: this.s.amount.toString() });
    return true;
  }

  /** The red invoice that reversed this blue one was issued. */
  flushed(at: Date): void {
    this.move('red_flushed', at, null, 'flushing');
  }

  toSnapshot(): InvoiceSnapshot {
    return this.s;
  }

  markSaved(version: number): void {
    this.s = { ...this.s, version };
  }

  private move(to: InvoiceStatus, at: Date, note: string | null, only?: InvoiceStatus): void {
    if (only && this.s.status !== only) {
      throw INVOICE_ERRORS.raise('INVALID_TRANSITION', `cannot move from ${this.s.status} to ${to}`, { from: this.s.status, to });
    }
    INVOICE_MACHINE.assert(this.s.status, to);
    this.s = { ...this.s, status: to, history: [...this.s.history, { at, status: to, note }] };
    this.event(to.replaceAll('_', '-'), at, note === null ? {} : { note });
  }

  private event(name: string, at: Date, payload: Record<string, unknown>): void {
    this.record({
      type: `invoice.${name}`,
      aggregateId: this.s.id,
      occurredAt: at,
      payload: { orderId: this.s.orderId, kind: this.s.kind, memberId: this.s.memberId, ...payload },
    });
  }
}
