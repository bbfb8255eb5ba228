import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { fenOf, moneyOfFen, moneyOfYuan } from '../../../../adapters/channels/payment/wechatpay/amounts.js';

/** Fen as the bill writes yuan ("123.45"). */
const yuanText = (fen: bigint) => Money.fromMinor(fen, 'CNY').toString();
import { parseTradeBill } from '../../../../adapters/channels/payment/wechatpay/index.js';
import type { StatementRecord } from '../../../../domain/payment/reconciliation.js';
import { Money } from '../../../../domain/shared/money.js';
import { type BillRow, writeTradeBill } from '../../../support/fakes/wechatpay-server.js';
import { domainErrorOf } from '../../../support/mothers.js';
import { wechatPayKit, type WechatPayKit } from './kit.js';

let kit: WechatPayKit | undefined;
afterEach(() => kit?.fake.close());

const plain = (r: StatementRecord) => ({ ...r, at: r.at.toISOString(), amount: r.amount.toString(), fee: r.fee.toString() });

/** A trade bill as WeChat Pay writes one: two payments, a refund, the summary header and totals (CRLF, BOM). */
const BILL = [
  '\uFEFF交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注',
  '`2026-03-02 10:00:05,`wxd678efh567hg6787,`1230000109,`0,`,`4200000000202603020000000001,`SO-1,`oUpF8uMuAJO,`NATIVE,`SUCCESS,`OTHERS,`CNY,`123.45,`0.00,`0,`0,`0.00,`0.00,`,`,`zhongtai SO-1,`,`0.74000,`0.60%,`123.45,`0.00,`',
  '`2026-03-02 23:59:59,`wxd678efh567hg6787,`1230000109,`0,`,`4200000000202603020000000002,`SO-2,`oUpF8uMuAJO,`JSAPI,`SUCCESS,`OTHERS,`CNY,`95.00,`5.00,`0,`0,`0.00,`0.00,`,`,`zhongtai SO-2,`,`0.57000,`0.60%,`100.00,`0.00,`',
  '`2026-03-02 11:30:00,`wxd678efh567hg6787,`1230000109,`0,`,`4200000000202603020000000001,`SO-1,`oUpF8uMuAJO,`NATIVE,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50300000002026030200000000001,`cancel-o1,`23.45,`0.00,`ORIGINAL,`SUCCESS,`zhongtai SO-1,`,`-0.14000,`0.60%,`0.00,`23.45,`',
  '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
  '`3,`218.45,`23.45,`0.00,`1.17000,`223.45,`23.45',
  '',
].join('\r\n');

describe('WeChat Pay trade bill', () => {
  it('parseStatement reads payments (商户订单号, 订单金额, 手续费 exact to 1/100000 yuan) and refunds (商户退款单号, 申请退款金额, the fee given back negative) and stops at the summary', async () => {
    kit = await wechatPayKit();
    const records = kit.channel.parseStatement(new TextEncoder().encode(BILL));
    expect(records.map(plain)).toEqual([
      { kind: 'payment', number: 'SO-1', at: '2026-03-02T02:00:05.000Z', amount: '123.45', channelTransactionId: '4200000000202603020000000001', fee: '0.74' },
      // 订单金额 100.00, not 应结订单金额 95.00 (a 5.00 free coupon WeChat Pay funded): the payment asked for 100.00.
      { kind: 'payment', number: 'SO-2', at: '2026-03-02T15:59:59.000Z', amount: '100.00', channelTransactionId: '4200000000202603020000000002', fee: '0.57' },
      {
        kind: 'refund',
        number: 'cancel-o1',
        at: '2026-03-02T03:30:00.000Z',
        amount: '23.45',
        channelTransactionId: '50300000002026030200000000001',
        fee: '-0.14',
      },
    ]);
    expect(records.every((r) => r.amount.currency === 'CNY' && r.fee.currency === 'CNY')).toBe(true);
  });

  it('a bill that is not WeChat Pay’s shape is refused, naming the row', () => {
    const noColumn = domainErrorOf(() => parseTradeBill(new TextEncoder().encode('交易时间,商户订单号\r\n`2026-03-02 10:00:05,`SO-1\r\n')));
    expect([noColumn.code, noColumn.details.reason, noColumn.details.line]).toEqual(['PAYMENT.INVALID_STATEMENT', 'MALFORMED_STATEMENT', 1]);
    const badAmount = domainErrorOf(() => parseTradeBill(new TextEncoder().encode(BILL.replace('`123.45,`0.00,`0,`0', '`12,3.45,`0.00,`0,`0'))));
    expect(badAmount.details.line).toBe(2);
    const badTime = domainErrorOf(() => parseTradeBill(new TextEncoder().encode(BILL.replace('2026-03-02 23:59:59', '2026/03/02 23:59:59'))));
    expect([badTime.details.reason, badTime.details.line]).toEqual(['MALFORMED_STATEMENT', 3]);
    expect(domainErrorOf(() => parseTradeBill(new Uint8Array([0xff, 0xfe, 0x00]))).details.reason).toBe('MALFORMED_STATEMENT');
    expect(parseTradeBill(new Uint8Array())).toEqual([]);
  });

  it('statement(day) downloads the bill WeChat Pay names, checks its SHA1 and reads it: two payments and a refund of that day, none of the day after', async () => {
    kit = await wechatPayKit();
    const { channel, fake } = kit;
    for (const [no, amount] of [
      ['P-1', '123.45'],
      ['P-2', '0.01'],
      ['P-3', '9.99'],
    ] as const)
      await channel.charge({ paymentNumber: no, amount: Money.of(amount, 'CNY'), description: 'x' });
    fake.pay('P-1', new Date('2026-03-02T01:00:00Z'));
    fake.pay('P-2', new Date('2026-03-02T15:59:59Z'));
    fake.pay('P-3', new Date('2026-03-02T16:00:00Z')); // 00:00 on the 3rd in Beijing
    fake.refundStatus = 'SUCCESS';
    await channel.refund({ paymentNumber: 'P-1', refundId: 'R-1', channelTransactionId: null, amount: Money.of('23.45', 'CNY') });
    // Taken at 12:00 Beijing time that day (the fake's clock is real: both sides check signatures against it).
    fake.refunds.get('R-1')!.createdAt.setTime(Date.parse('2026-03-02T04:00:00Z'));
    const records = await channel.statement('2026-03-02');
    const tx = (no: string) => fake.transactions.get(no)!.transactionId;
    expect(records.map(plain)).toEqual([
      { kind: 'payment', number: 'P-1', at: '2026-03-02T01:00:00.000Z', amount: '123.45', channelTransactionId: tx('P-1'), fee: '0.7407' },
      {
        kind: 'refund',
        number: 'R-1',
        at: '2026-03-02T04:00:00.000Z',
        amount: '23.45',
        channelTransactionId: fake.refunds.get('R-1')!.refundId,
        fee: '-0.1407',
      },
      { kind: 'payment', number: 'P-2', at: '2026-03-02T15:59:59.000Z', amount: '0.01', channelTransactionId: tx('P-2'), fee: '0.00006' },
    ]);
    expect(fake.requests.filter((r) => r.method === 'GET').map((r) => r.url.replace(/token=\w+/, 'token=…'))).toEqual([
      '/v3/pay/transactions/out-trade-no/P-1?mchid=1230000109',
      '/v3/bill/tradebill?bill_date=2026-03-02&bill_type=ALL',
      '/v3/billdownload/file?token=…',
    ]);
    // The download is signed like any request (the fake checks it).
    expect(fake.requests.at(-1)!.signed).toBe(true);
    expect((await channel.statement('2026-03-03')).map((r) => r.number)).toEqual(['P-3']);
    expect(await channel.statement('2026-03-04')).toEqual([]);
  });

  it('a bill whose bytes are not the SHA1 WeChat Pay named is refused (CHANNEL_UNAVAILABLE, retryable)', async () => {
    kit = await wechatPayKit();
    await kit.channel.charge({ paymentNumber: 'P-4', amount: Money.of('1.00', 'CNY'), description: 'x' });
    kit.fake.pay('P-4', new Date('2026-03-05T02:00:00Z'));
    kit.fake.corruptBill = true;
    const e = await kit.channel.statement('2026-03-05').catch((x) => x);
    expect([e.code, e.details.reason, e.details.retryable]).toEqual(['PAYMENT.CHANNEL_UNAVAILABLE', 'BILL_HASH_MISMATCH', true]);
  });
});

describe('WeChat Pay amounts (properties)', () => {
  it('yuan ↔ fen is exact for every whole number of fen up to 10^12: to WeChat Pay and back, and through the bill’s yuan text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), (fen) => {
        const money = Money.fromMinor(fen, 'CNY');
        const sent = fenOf(money);
        expect(BigInt(sent)).toBe(fen);
        // Through JSON, as it travels.
        const back = moneyOfFen(JSON.parse(JSON.stringify({ total: sent })).total)!;
        expect(back.equals(money)).toBe(true);
        const text = yuanText(fen);
        expect(text).toMatch(/^\d+\.\d{2}$/);
        expect(moneyOfYuan(text)!.toMinor()).toBe(fen);
      }),
      { numRuns: 500 },
    );
    expect([yuanText(1n), yuanText(10n), yuanText(12345n), yuanText(100000000000000n)]).toEqual(['0.01', '0.10', '123.45', '1000000000000.00']);
    expect(fenOf(Money.of('0.07', 'CNY'))).toBe(7); // 0.07 × 100 in floating point is 7.000000000000001
  });

  it('parseStatement reads back every record the fake’s bill writer wrote', () => {
    const number = fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/);
    const row: fc.Arbitrary<BillRow> = fc
      .record({
        refund: fc.boolean(),
        at: fc.integer({ min: Date.parse('2020-01-01T00:00:00Z') / 1000, max: Date.parse('2030-01-01T00:00:00Z') / 1000 }),
        transactionId: fc.stringMatching(/^42\d{26}$/),
        outTradeNo: number,
        outRefundNo: number,
        refundId: fc.stringMatching(/^50\d{27}$/),
        totalFen: fc.bigInt({ min: 1n, max: 10n ** 12n }),
        feeMicroYuan10: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      })
      .map((r) => ({
        kind: r.refund ? 'refund' : 'payment',
        at: new Date(r.at * 1000),
        transactionId: r.transactionId,
        outTradeNo: r.outTradeNo,
        totalFen: r.totalFen,
        feeMicroYuan10: r.feeMicroYuan10,
        ...(r.refund ? { refundId: r.refundId, outRefundNo: r.outRefundNo, refundFen: r.totalFen } : {}),
      }));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        const records = parseTradeBill(writeTradeBill(rows));
        expect(records.map(plain)).toEqual(
          rows.map((r) => ({
            kind: r.kind,
            number: r.kind === 'refund' ? r.outRefundNo : r.outTradeNo,
            at: r.at.toISOString(),
            amount: yuanText(r.kind === 'refund' ? r.refundFen! : r.totalFen),
            channelTransactionId: r.kind === 'refund' ? r.refundId : r.transactionId,
            fee: Money.of(`${r.kind === 'refund' && r.feeMicroYuan10 > 0n ? '-' : ''}${r.feeMicroYuan10}`, 'CNY')
              .multiply('0.00001')
              .toString(),
          })),
        );
      }),
      { numRuns: 200 },
    );
  });
});
