// The Stripe statement: balance transactions of a UTC day through the SDK's auto-pagination, and the dashboard's CSV export.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StripePaymentChannel } from '../../../../adapters/channels/payment/stripe/index.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import { Money } from '../../../../domain/shared/money.js';
import { FakeStripe } from '../../../support/fakes/stripe-server.js';

let fake: FakeStripe;
let channel: StripePaymentChannel;
beforeEach(async () => {
  fake = await FakeStripe.start();
  channel = new StripePaymentChannel(fake.config());
});
afterEach(() => fake.close());

const DAY = '2026-03-02';
const at = (time: string) => new Date(`${DAY}T${time}Z`);
const unix = (d: Date) => d.getTime() / 1000;

/** The day: P-1 paid 123.45 CNY (fee 3.70) at 01:00, P-2 paid ¥5000 (fee 150) at 02:00, R-1 gave 20.00 back at 03:00; 230 payouts and fees that are not ours; lines the day before and after. */
async function aDay() {
  const open = async (number: string, amount: Money) =>
    (await channel.charge({ paymentNumber: number, amount, description: `zhongtai ${number}` })).params!.paymentIntentId!;
  const p1 = await open('P-1', Money.of('123.45', 'CNY'));
  const p2 = await open('P-2', Money.of('5000', 'JPY'));
  const p0 = await open('P-0', Money.of('1.00', 'CNY'));
  fake.pay(p0, new Date('2026-03-01T23:59:59Z'));
  fake.pay(p1, at('01:00:00'));
  fake.pay(p2, at('02:00:00'));
  fake.now = () => at('03:00:00');
  const r = await channel.refund({ paymentNumber: 'P-1', refundId: 'R-1', channelTransactionId: p1, amount: Money.of('20.00', 'CNY') });
  fake.settleRefund(r.refundTransactionId, 'succeeded', at('03:00:00'));
  for (let i = 0; i < 230; i++) {
    const type = i % 2 === 0 ? 'payout' : 'stripe_fee';
    fake.addBalanceTransaction({ type, source: `po_${i}`, amount: -100, fee: 0, currency: 'cny', created: unix(at('04:00:00')) + i });
  }
  fake.addBalanceTransaction({ type: 'charge', source: 'ch_next_day', amount: 100, fee: 3, currency: 'cny', created: unix(new Date('2026-03-03T00:00:00Z')) });
  const intent = (id: string) => fake.intents.get(id)!;
  return { p1: intent(p1), p2: intent(p2), refund: fake.refunds.get(r.refundTransactionId)! };
}

describe('statement(day): the balance transactions created on that UTC day', () => {
  it('reads every page (237 lines: three requests of 100) and answers the two payments and the refund, fees as Stripe kept them', async () => {
    const { p1, p2, refund } = await aDay();
    fake.requests.length = 0;
    const records = await channel.statement(DAY);
    expect(
      records.map((r) => [r.kind, r.number, r.at.toISOString(), r.amount.toString(), r.amount.currency, r.fee.toString(), r.channelTransactionId]),
    ).toEqual([
      ['refund', 'R-1', '2026-03-02T03:00:00.000Z', '20.00', 'CNY', '0.00', refund.id],
      ['payment', 'P-2', '2026-03-02T02:00:00.000Z', '5000', 'JPY', '150', p2.latest_charge],
      ['payment', 'P-1', '2026-03-02T01:00:00.000Z', '123.45', 'CNY', '3.70', p1.latest_charge],
    ]);
    const pages = fake.requests.filter((r) => r.path === '/v1/balance_transactions');
    expect(pages).toHaveLength(3);
    // The charges carry no metadata at this fake (as when Stripe does not copy it): the number is the intent's, read once per intent.
    expect(fake.requests.filter((r) => r.path.startsWith('/v1/payment_intents/')).map((r) => r.path)).toEqual([
      `/v1/payment_intents/${p2.id}`,
      `/v1/payment_intents/${p1.id}`,
    ]);
  });

  it('a refund whose fee was given back shows it negative; a day with nothing is empty; a day that is not one is a RangeError', async () => {
    fake.addBalanceTransaction({ type: 'refund', source: 're_x', amount: -1000, fee: -30, currency: 'usd', created: unix(at('05:00:00')) });
    fake.refunds.set('re_x', { id: 're_x', object: 'refund', metadata: { refund_id: 'R-9' } });
    expect((await channel.statement(DAY)).map((r) => [r.number, r.amount.toString(), r.fee.toString()])).toEqual([['R-9', '10.00', '-0.30']]);
    expect(await channel.statement('2026-03-04')).toEqual([]);
    await expect(channel.statement('2026-02-30')).rejects.toThrow(RangeError);
  });

  it('Stripe unavailable while listing is CHANNEL_UNAVAILABLE, retryable', async () => {
    fake.failNext(3, '500', (_m, p) => p === '/v1/balance_transactions');
    const e = await channel.statement(DAY).catch((x: unknown) => x);
    expect(e instanceof DomainError && [e.code, e.details.retryable]).toEqual(['PAYMENT.CHANNEL_UNAVAILABLE', true]);
  }, 20_000);
});

describe('parseStatement: the dashboard export "Balance transactions" (itemized CSV)', () => {
  it('reads the export of the same day to the same records as statement(day)', async () => {
    await aDay();
    const csv = fake.exportCsv(unix(at('00:00:00')), unix(at('00:00:00')) + 86_400);
    const parsed = channel.parseStatement(new TextEncoder().encode(csv));
    const key = (r: { kind: string; number: string; at: Date; amount: Money; fee: Money; channelTransactionId: string }) =>
      `${r.kind} ${r.number} ${r.at.toISOString()} ${r.amount.toString()} ${r.amount.currency} ${r.fee.toString()} ${r.channelTransactionId}`;
    expect(parsed.map(key).sort()).toEqual((await channel.statement(DAY)).map(key).sort());
    expect(parsed).toHaveLength(3);
  });

  it('an export written by hand: major units with decimals, JPY without, a BOM, quoted descriptions, other types and lines of no payment left out', () => {
    const csv = [
      '\uFEFFid,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Description,payment_number (metadata),refund_id (metadata)',
      'txn_1,charge,ch_1,123.45,3.70,119.75,cny,2026-03-02 01:00:00,"zhongtai SO-1, SO-2",P-1,',
      'txn_2,payment,py_2,5000,150,4850,jpy,2026-03-02 02:00:00,"say ""hi""",P-2,',
      'txn_3,refund,re_3,-20.00,0.00,-20.00,cny,2026-03-02 03:00:00,Refund,,R-1',
      'txn_4,payout,po_4,-500.00,0.00,-500.00,cny,2026-03-02 04:00:00,Payout,,',
      'txn_5,charge,ch_5,9.00,0.30,8.70,usd,2026-03-02 05:00,not ours,,',
    ].join('\r\n');
    expect(
      channel
        .parseStatement(new TextEncoder().encode(csv))
        .map((r) => [r.kind, r.number, r.at.toISOString(), r.amount.toString(), r.amount.currency, r.fee.toString(), r.channelTransactionId]),
    ).toEqual([
      ['payment', 'P-1', '2026-03-02T01:00:00.000Z', '123.45', 'CNY', '3.70', 'ch_1'],
      ['payment', 'P-2', '2026-03-02T02:00:00.000Z', '5000', 'JPY', '150', 'py_2'],
      ['refund', 'R-1', '2026-03-02T03:00:00.000Z', '20.00', 'CNY', '0.00', 're_3'],
    ]);
  });

  it('a file that is not the export, or a line whose amount has more decimals than its currency, is PAYMENT.INVALID_STATEMENT', () => {
    const refused = (text: string) => {
      try {
        channel.parseStatement(new TextEncoder().encode(text));
      } catch (e) {
        if (e instanceof DomainError) return [e.code, e.details.reason, e.details.line];
        throw e;
      }
      return null;
    };
    expect(refused('a,b\n1,2\n')).toEqual(['PAYMENT.INVALID_STATEMENT', 'MALFORMED_STATEMENT', undefined]);
    const head = 'id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Description,payment_number (metadata),refund_id (metadata)';
    expect(refused(`${head}\ntxn_1,charge,ch_1,5000.5,0,0,jpy,2026-03-02 01:00:00,d,P-1,\n`)).toEqual(['PAYMENT.INVALID_STATEMENT', 'MALFORMED_STATEMENT', 2]);
    expect(refused(`${head}\ntxn_1,charge,ch_1,1.00,0,0,cny,yesterday,d,P-1,\n`)).toEqual(['PAYMENT.INVALID_STATEMENT', 'MALFORMED_STATEMENT', 2]);
    expect(channel.parseStatement(new TextEncoder().encode(`${head}\n`))).toEqual([]);
  });
});
