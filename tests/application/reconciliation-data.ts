/**
 * Random ledgers for reconciliation tests (issue #16): payments of one channel day stored as the payment
 * context keeps them — paid, partly refunded, paid twice (a late duplicate success, its refund settled),
 * a few in the tolerance margin of the neighbouring days — and the channel's statement of them with
 * faults injected: a line dropped, an amount changed, a line the platform never saw, for payments and
 * refunds. Faults touch only numbers with one record, so each is exactly one discrepancy of a known kind.
 */
import type { PaymentChannel } from '../../domain/payment/ports.js';
import { channelRecords, type DiscrepancyKind, type StatementRecord } from '../../domain/payment/index.js';
import type { PaymentSnapshot } from '../../domain/payment/payment.js';
import { Money } from '../../domain/shared/money.js';

export const CHANNEL = 'test';
export const DAY = '2025-06-18';
/** 2025-06-18 in Asia/Shanghai. */
export const FROM = new Date('2025-06-17T16:00:00.000Z');
export const TO = new Date('2025-06-18T16:00:00.000Z');
export const TOLERANCE = 5 * 60_000;

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Ledgers {
  readonly payments: PaymentSnapshot[];
  readonly statement: StatementRecord[];
  /** The seeded discrepancies, `kind number`. */
  readonly faults: string[];
}

const cents = (n: number) => Money.fromMinor(n);

export function ledgers(seed: number, size: number, faultRate = 0.02): Ledgers {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const inDay = () => new Date(FROM.getTime() + 20 * 60_000 + int(TO.getTime() - FROM.getTime() - 40 * 60_000));
  const payments: PaymentSnapshot[] = [];
  for (let i = 0; i < size; i++) {
    const number = `P${seed}-${i}`;
    const amount = cents(100 + int(100_000));
    const margin = rnd() < 0.02;
    const paidAt = margin ? new Date((rnd() < 0.5 ? FROM.getTime() - TOLERANCE / 2 : TO.getTime() + TOLERANCE / 3) + int(1000)) : inDay();
    const refunds =
      !margin && rnd() < 0.2
        ? [
            {
              refundId: `R${seed}-${i}`,
              amount: cents(1 + int(Number(amount.toMinor()))),
              orders: [],
              reason: 'test',
              at: new Date(paidAt.getTime() + 60_000 + int(600_000)),
              acknowledged: null,
            },
          ]
        : [];
    const late = !margin && rnd() < 0.03;
    const lateAt = new Date(paidAt.getTime() + 3 * 3_600_000 * (paidAt.getTime() < (FROM.getTime() + TO.getTime()) / 2 ? 1 : -1));
    payments.push({
      id: `pay-${number}`,
      number,
      memberId: 'member-1',
      currency: 'CNY',
      amount,
      orders: [{ orderId: `order-${number}`, orderNumber: `SO-${number}`, amount, refunded: Money.sum(refunds.map((r) => r.amount)) }],
      status: refunds.length > 0 ? 'partially_refunded' : 'paid',
      createdAt: new Date(paidAt.getTime() - 60_000),
      expiresAt: new Date(paidAt.getTime() + 15 * 60_000),
      paid: { channel: CHANNEL, channelTransactionId: `T-${number}`, paidAt, receivedAt: paidAt },
      cancellation: null,
      refunds,
      callbacks: [
        { channel: CHANNEL, channelTransactionId: `T-${number}`, amount, paidAt, receivedAt: paidAt, outcome: 'paid', refund: null, refundSettledAt: null },
        ...(late
          ? [
              {
                channel: CHANNEL,
                channelTransactionId: `T2-${number}`,
                amount,
                paidAt: lateAt,
                receivedAt: lateAt,
                outcome: 'late' as const,
                refund: {
                  paymentId: `pay-${number}`,
                  paymentNumber: number,
                  refundId: `${number}-L1`,
                  channel: CHANNEL,
                  channelTransactionId: `T2-${number}`,
                  amount,
                  reason: 'already_paid' as const,
                },
                refundSettledAt: new Date(lateAt.getTime() + 120_000),
              },
            ]
          : []),
      ],
      updatedAt: paidAt,
      version: 0,
    });
  }
  const records = payments.flatMap(channelRecords).filter((r) => r.at.getTime() >= FROM.getTime() && r.at.getTime() < TO.getTime());
  const counts = new Map<string, number>();
  for (const r of payments.flatMap(channelRecords)) counts.set(`${r.kind} ${r.number}`, (counts.get(`${r.kind} ${r.number}`) ?? 0) + 1);
  const faults: string[] = [];
  const statement: StatementRecord[] = [];
  let extra = 0;
  for (const r of records) {
    const line: StatementRecord = {
      kind: r.kind,
      number: r.number,
      at: new Date(r.at.getTime() + int(120_000) - 60_000),
      amount: r.amount,
      channelTransactionId: `S-${r.kind}-${r.number}`,
      fee: r.kind === 'payment' ? r.amount.multiply('0.006').roundToCents() : Money.zero(),
    };
    const single = counts.get(`${r.kind} ${r.number}`) === 1;
    const roll = rnd();
    if (single && roll < faultRate / 3) faults.push(`${r.kind}_missing_at_channel ${r.number}`);
    else if (single && roll < (2 * faultRate) / 3) {
      statement.push({ ...line, amount: line.amount.add(cents(1 + int(500))) });
      faults.push(`${r.kind}_amount_differs ${r.number}`);
    } else statement.push(line);
    if (rnd() < faultRate / 3) {
      const kind = rnd() < 0.5 ? 'payment' : 'refund';
      const number = `X${seed}-${extra++}`;
      statement.push({ ...line, kind, number, channelTransactionId: `S-X-${number}`, at: inDay() });
      faults.push(`${kind}_missing_here ${number}`);
    }
  }
  return { payments, statement, faults: faults.sort() };
}

export const kindNumber = (d: { kind: DiscrepancyKind; number: string }) => `${d.kind} ${d.number}`;

/** A channel for the tests: it downloads the statement it is given (`lines`), and does nothing else. */
export function statementChannel(name = CHANNEL): PaymentChannel & { lines: StatementRecord[] } {
  return {
    name,
    lines: [],
    charge: async () => ({ channel: name, payUrl: null }),
    verifyCallback: () => {
      throw new Error('the statement channel sends no callbacks');
    },
    refund: async (r) => ({ refundTransactionId: `RT-${r.refundId}` }),
    async statement() {
      return this.lines;
    },
  };
}
