import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Invoice, invoiceLines, type InvoiceStatus } from '../../../domain/invoice/index.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { Money } from '../../../domain/shared/money.js';

const T0 = new Date('2026-12-01T00:00:00.000Z').getTime();
const BUYER = { type: 'personal' as const, title: 'Li Lei', taxNumber: null, email: null, address: null };
const lines = (...cents: number[]) =>
  invoiceLines(
    cents.map((c, i) => ({ lineId: `L${i}`, title: `t${i}`, quantity: 1, kept: Money.fromMinor(c), rate: 1300 as const })),
    { kept: Money.zero(), rate: 900, title: 'freight' },
  );

/** The model: the blue invoice's status and amount, and its red one's once reversed — spec §14 written out again. */
interface Model {
  status: InvoiceStatus;
  amount: bigint;
  red: InvoiceStatus | null;
  now: number;
}
interface Real {
  blue: Invoice;
  red: Invoice | null;
}
type Outcome = 'ok' | string;
const invalid = 'INVOICE.INVALID_TRANSITION';

abstract class Step implements fc.Command<Model, Real> {
  abstract expected(m: Model): Outcome;
  abstract act(r: Real, at: Date): void;
  apply?(m: Model): void;
  check = (_m: Readonly<Model>) => true;
  run(m: Model, r: Real): void {
    m.now += 60_000;
    const want = this.expected(m);
    let got: Outcome = 'ok';
    try {
      this.act(r, new Date(m.now));
    } catch (e) {
      if (!isDomainError(e)) throw e;
      got = e.code;
    }
    expect(got, this.toString()).toBe(want);
    if (got === 'ok') this.apply?.(m);
    const b = r.blue.toSnapshot();
    expect([b.status, b.amount.toMinor()]).toEqual([m.status, m.amount]);
    expect(b.amount.equals(Money.sum(b.lines.map((l) => l.amount)))).toBe(true);
    expect(r.red?.status ?? null).toBe(m.red);
    // A red invoice reverses its blue one exactly: the two sum to zero, line by line.
    if (r.red) {
      const red = r.red.toSnapshot();
      expect(red.lines.map((l, i) => l.amount.add(b.lines[i]!.amount).isZero() && l.tax.add(b.lines[i]!.tax).isZero())).toEqual(red.lines.map(() => true));
      expect([red.reverses, b.reversedBy]).toEqual([b.id, red.id]);
    }
  }
  toString = () => this.constructor.name;
}

class StartIssuing extends Step {
  constructor(readonly red: boolean) {
    super();
  }
  expected = (m: Model) => (['requested', 'failed', 'issuing'].includes((this.red ? m.red : m.status) ?? '') ? 'ok' : invalid);
  override check = (m: Readonly<Model>) => !this.red || m.red !== null;
  act = (r: Real, at: Date) => void (this.red ? r.red! : r.blue).startIssuing(at);
  override apply = (m: Model) => void (this.red ? (m.red = 'issuing') : (m.status = 'issuing'));
  override toString = () => `StartIssuing(${this.red ? 'red' : 'blue'})`;
}

class Answer extends Step {
  constructor(
    readonly red: boolean,
    readonly issued: boolean,
  ) {
    super();
  }
  expected = (m: Model) => ((this.red ? m.red : m.status) === 'issuing' ? 'ok' : invalid);
  override check = (m: Readonly<Model>) => !this.red || m.red !== null;
  act = (r: Real, at: Date) => {
    const i = this.red ? r.red! : r.blue;
    if (this.issued) i.issued({ code: 'c', number: String(at.getTime()), issuedAt: at }, at);
    else i.failed('no', at);
    // What the application does once a red invoice is issued: its blue one is red-flushed.
    if (this.red && this.issued) r.blue.flushed(at);
  };
  override apply = (m: Model) => {
    const to = this.issued ? 'issued' : 'failed';
    if (!this.red) m.status = to;
    else {
      m.red = to;
      if (this.issued) m.status = 'red_flushed';
    }
  };
  override toString = () => `Answer(${this.red ? 'red' : 'blue'}, ${this.issued ? 'issued' : 'failed'})`;
}

/** The channel could not be reached: still issuing, the error kept. */
class Unreachable extends Step {
  expected = (m: Model) => (m.status === 'issuing' ? 'ok' : invalid);
  act = (r: Real, at: Date) => r.blue.unreachable('503', at);
}

class Edit extends Step {
  expected = (m: Model) => (m.status === 'requested' || m.status === 'failed' ? 'ok' : 'INVOICE.NOT_EDITABLE');
  act = (r: Real, at: Date) => r.blue.editBuyer({ ...BUYER, title: `Li ${at.getTime()}` }, at);
  override apply = (m: Model) => void (m.status = 'requested');
}

class Reprice extends Step {
  constructor(readonly cents: number[]) {
    super();
  }
  // The application reprices only a blue invoice not yet sent; on any other it reverses (see Reverse).
  override check = (m: Readonly<Model>) => m.status === 'requested' || m.status === 'failed';
  expected = () => 'ok';
  act = (r: Real, at: Date) => void r.blue.reprice(lines(...this.cents), at);
  override apply = (m: Model) => {
    if (this.cents.every((c) => c === 0)) m.status = 'cancelled';
    else m.amount = BigInt(this.cents.reduce((a, b) => a + b, 0));
  };
  override toString = () => `Reprice(${this.cents.join(', ')})`;
}

class Reverse extends Step {
  override check = (m: Readonly<Model>) => m.red === null;
  expected = (m: Model) => (m.status === 'issued' ? 'ok' : invalid);
  act = (r: Real, at: Date) => void (r.red = Invoice.reverse(r.blue, { id: 'red-1', at }));
  override apply = (m: Model) => {
    m.status = 'flushing';
    m.red = 'requested';
  };
}

const cmds = [
  fc.boolean().map((red) => new StartIssuing(red)),
  fc.tuple(fc.boolean(), fc.boolean()).map(([red, ok]) => new Answer(red, ok)),
  fc.constant(new Edit()),
  fc.constant(new Unreachable()),
  fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 1, maxLength: 3 }).map((c) => new Reprice(c)),
  fc.constant(new Reverse()),
];

describe('the invoice against a model (spec §14, fc.commands)', () => {
  it('requested → issuing → issued | failed (retried); edited until issued; repriced or cancelled before it is sent; reversed by a red invoice once issued', () => {
    fc.assert(
      fc.property(fc.commands(cmds, { maxCommands: 30 }), (commands) => {
        const blue = Invoice.requestBlue({
          id: 'blue-1',
          orderId: 'o1',
          memberId: 'm1',
          shopId: 's1',
          buyer: BUYER,
          issuer: { name: 'Shop', taxNumber: '91310000MA1FL0001X' },
          currency: 'CNY',
          lines: lines(18_500, 3_000),
          at: new Date(T0),
        });
        fc.modelRun(() => ({ model: { status: 'requested' as InvoiceStatus, amount: 21_500n, red: null, now: T0 }, real: { blue, red: null } }), commands);
      }),
      { numRuns: 300 },
    );
  });

  it('a blue invoice needs something to invoice (INVOICE.NOT_INVOICEABLE) and a valid buyer (INVOICE.INVALID_BUYER)', () => {
    const c = { id: 'b', orderId: 'o', memberId: 'm', shopId: 's', issuer: { name: 'S', taxNumber: '91310000MA1FL0001X' }, currency: 'CNY', at: new Date(T0) };
    const code = (f: () => unknown) => {
      try {
        f();
        return 'ok';
      } catch (e) {
        return (e as { code?: string }).code;
      }
    };
    expect(code(() => Invoice.requestBlue({ ...c, buyer: BUYER, lines: [] }))).toBe('INVOICE.NOT_INVOICEABLE');
    expect(code(() => Invoice.requestBlue({ ...c, buyer: { ...BUYER, type: 'company' }, lines: lines(100) }))).toBe('INVOICE.INVALID_BUYER');
    expect(code(() => Invoice.requestBlue({ ...c, buyer: { ...BUYER, taxNumber: '91310000MA1FL0001X' }, lines: lines(100) }))).toBe('INVOICE.INVALID_BUYER');
    expect(code(() => Invoice.requestBlue({ ...c, buyer: { ...BUYER, type: 'company', taxNumber: '9131' }, lines: lines(100) }))).toBe('INVOICE.INVALID_BUYER');
    expect(code(() => Invoice.requestBlue({ ...c, buyer: { ...BUYER, title: 'x'.repeat(101) }, lines: lines(100) }))).toBe('INVOICE.INVALID_BUYER');
    expect(code(() => Invoice.requestBlue({ ...c, buyer: { ...BUYER, type: 'company', taxNumber: '91310000MA1FL0001X' }, lines: lines(100) }))).toBe('ok');
  });
});
