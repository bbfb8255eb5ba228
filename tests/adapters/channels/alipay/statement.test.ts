import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AlipayPaymentChannel, fromYuan, parseAlipayStatement, toYuan } from '../../../../adapters/channels/payment/alipay/index.js';
import { Money } from '../../../../domain/shared/money.js';
import { beijing, type FakeAlipay } from '../../../support/fakes/alipay-server.js';
import { type BillLine, billCsv, billZip, gbk } from './bill-writer.js';
import { alipayWorld } from './setup.js';

let fake: FakeAlipay;
let channel: AlipayPaymentChannel;
beforeEach(async () => {
  ({ fake, channel } = await alipayWorld());
});
afterEach(() => fake.close());

const flat = (records: ReturnType<typeof parseAlipayStatement>) =>
  records.map((r) => [r.kind, r.number, r.at.toISOString(), r.amount.toString(), r.channelTransactionId, r.fee.toString()]);

describe('statement', () => {
  it("downloads the day's bill zip and reads its GBK 业务明细: payments and refunds, # lines and the summary file ignored, times Beijing", async () => {
    fake.now = () => new Date('2026-12-08T01:30:00Z'); // 09:30 Beijing
    const pay = async (n: string, amount: string) => {
      await fetch((await channel.charge({ paymentNumber: n, amount: Money.of(amount, 'CNY'), description: '商品，含逗号' })).payUrl!);
      return fake.pay(n);
    };
    const a = await pay('S-1', '100.00');
    const b = await pay('S-2', '0.10');
    fake.now = () => new Date('2026-12-08T15:59:59Z'); // 23:59:59 Beijing, the same day
    await channel.refund({ paymentNumber: 'S-1', refundId: 'S-1-R1', channelTransactionId: a.tradeNo, amount: Money.of('40.00', 'CNY') });
    fake.now = () => new Date('2026-12-08T16:00:00Z'); // the next day in Beijing
    await channel.refund({ paymentNumber: 'S-2', refundId: 'S-2-R1', channelTransactionId: b.tradeNo, amount: Money.of('0.10', 'CNY') });
    expect(flat(await channel.statement('2026-12-08'))).toEqual([
      ['payment', 'S-1', '2026-12-08T01:30:00.000Z', '100.00', a.tradeNo, '0.60'],
      ['payment', 'S-2', '2026-12-08T01:30:00.000Z', '0.10', b.tradeNo, '0.00'],
      ['refund', 'S-1-R1', '2026-12-08T15:59:59.000Z', '40.00', a.tradeNo, '-0.24'],
    ]);
    expect(flat(await channel.statement('2026-12-09'))).toEqual([['refund', 'S-2-R1', '2026-12-08T16:00:00.000Z', '0.10', b.tradeNo, '0.00']]);
    // The CSV an operator took out of the zip reads the same.
    const csv = billCsv('2026-12-09', [
      {
        kind: 'refund',
        tradeNo: b.tradeNo,
        outTradeNo: 'S-2',
        subject: 'x',
        createdAt: '2026-12-08 09:30:00',
        completedAt: '2026-12-09 00:00:00',
        amount: '0.10',
        received: '-0.10',
        refundNo: 'S-2-R1',
        fee: '0.00',
      },
    ]);
    expect(flat(channel.parseStatement(gbk(csv)))).toEqual(flat(await channel.statement('2026-12-09')));
    expect(flat(channel.parseStatement(new TextEncoder().encode(csv)))).toEqual(flat(await channel.statement('2026-12-09')));
  });

  it('a file that is no bill is refused: no header, a broken amount, a broken zip', () => {
    expect(() => parseAlipayStatement(gbk('#支付宝业务明细查询\r\n'))).toThrow(/no header row/);
    try {
      parseAlipayStatement(gbk('#支付宝业务明细查询\r\n'));
    } catch (e) {
      expect((e as { code?: string }).code).toBe('PAYMENT.INVALID_STATEMENT');
    }
    const line: BillLine = {
      kind: 'payment',
      tradeNo: 'T1',
      outTradeNo: 'P1',
      subject: 's',
      createdAt: '2026-12-08 10:00:00',
      completedAt: '2026-12-08 10:00:01',
      amount: '1.001',
      received: '1.00',
      refundNo: '',
      fee: '0.00',
    };
    expect(() => parseAlipayStatement(gbk(billCsv('2026-12-08', [line])))).toThrow(/"1.001" is not an amount in yuan/);
    const zip = billZip('2026-12-08', billCsv('2026-12-08', []));
    expect(parseAlipayStatement(zip)).toEqual([]);
    const cut = zip.slice(0, zip.length - 30);
    expect(() => parseAlipayStatement(cut)).toThrow(/zip/);
    // A byte of the 业务明细's packed data (just before the central directory): its checksum no longer holds.
    const corrupt = zip.slice();
    const directory = new DataView(corrupt.buffer).getUint32(corrupt.length - 22 + 16, true);
    corrupt[directory - 3] = (corrupt[directory - 3]! + 1) % 256;
    expect(() => parseAlipayStatement(corrupt)).toThrow(/checksum|invalid|incorrect/);
  });
});

describe('properties', () => {
  it('yuan strings round-trip exactly for any whole-fen amount up to 10^12 fen', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), (fen) => {
        const m = Money.fromMinor(fen, 'CNY');
        const text = toYuan(m);
        expect(text).toBe(`${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`);
        expect(fromYuan(text)!.toMinor()).toBe(fen);
        expect(fromYuan(text)!.equals(m)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("parseStatement reads back what the fake's bill writer wrote (zip or CSV, GBK)", () => {
    const fenAmount = fc.bigInt({ min: 1n, max: 10n ** 12n });
    const yuanOf = (f: bigint) => `${f / 100n}.${(f % 100n).toString().padStart(2, '0')}`;
    const instant = fc.integer({ min: Date.UTC(2020, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 }).map((s) => new Date(s * 1000));
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/);
    const line = fc.record({
      refund: fc.boolean(),
      tradeNo: fc.stringMatching(/^\d{28}$/),
      number: id,
      refundNo: id,
      at: instant,
      amount: fenAmount,
      fee: fc.bigInt({ min: 0n, max: 10n ** 6n }),
      subject: fc.constantFrom('语雀空间 500人规模', 'a, "b"', '商品'),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.boolean(), (lines, zipped) => {
        const bill: BillLine[] = lines.map((l) => ({
          kind: l.refund ? 'refund' : 'payment',
          tradeNo: l.tradeNo,
          outTradeNo: l.number,
          subject: l.subject,
          createdAt: beijing(l.at),
          completedAt: beijing(l.at),
          amount: yuanOf(l.amount),
          received: l.refund ? `-${yuanOf(l.amount)}` : yuanOf(l.amount),
          refundNo: l.refund ? l.refundNo : '',
          fee: l.refund ? yuanOf(l.fee) : `-${yuanOf(l.fee)}`,
        }));
        const csv = billCsv('2026-12-08', bill);
        const records = parseAlipayStatement(zipped ? billZip('2026-12-08', csv) : gbk(csv));
        expect(flat(records)).toEqual(
          lines.map((l) => [
            l.refund ? 'refund' : 'payment',
            l.refund ? l.refundNo : l.number,
            l.at.toISOString(),
            yuanOf(l.amount),
            l.tradeNo,
            l.refund && l.fee > 0n ? `-${yuanOf(l.fee)}` : yuanOf(l.fee),
          ]),
        );
      }),
      { numRuns: 100 },
    );
  });
});
