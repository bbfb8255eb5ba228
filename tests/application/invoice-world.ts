import { codeOf } from '../support/refusals.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeInvoicingChannel } from '../../adapters/channels/invoicing/fake-invoicing-channel.js';
import type { Persistence } from '../../application/shared/persistence.js';
import type { Buyer, InvoiceSnapshot } from '../../domain/invoice/index.js';
import { Money } from '../../domain/shared/money.js';
import { aLine, DAY, fulfilmentWorld, MINUTE, type FulfilmentWorld } from './fulfilment-world.js';

const ISSUER = { name: '测试商贸有限公司', taxNumber: '91310000MA1FL0001X' };
const PERSON = { type: 'personal' as const, title: '李雷', taxNumber: null, email: 'li.lei@example.com', address: null };
const COMPANY = { type: 'company' as const, title: '杭州某某科技有限公司', taxNumber: '91330100MA2B0000XY', email: null, address: '杭州市西湖区' };

/** Σ of the issued invoices' amounts, blue + red: what the order's invoices say it kept. */
export const invoicedNet = (invoices: readonly InvoiceSnapshot[]): string =>
  Money.sum(invoices.filter((i) => i.fapiao !== null).map((i) => i.amount)).toString();

/**
 * Invoices through `zt.invoices` (issue #15, spec §14) on one persistence, with the fake invoicing
 * channel: the fulfilment world's paid order o1 — L1 2 × 100.00 less 10.00 activity and 5.00 coupon
 * (paid 185.00), L2 1 × 30.00, freight 8.00: 223.00 — invoiced at 13 % for goods and 9 % for freight.
 * Decision 0033 per line: L1 185.00 → tax 21.28 (185 × 13/113 = 21.2831), L2 30.00 → 3.45 (3.4513),
 * freight 8.00 → 0.66 (8 × 9/109 = 0.6605): 25.39 of tax in 223.00.
 */
export function invoiceSuite(name: string, persistence: () => Promise<Persistence | undefined>): void {
  describe(`invoices on ${name}`, { timeout: 60_000 }, () => {
    let w: FulfilmentWorld;
    let channel: FakeInvoicingChannel;
    beforeEach(async () => {
      w = await fulfilmentWorld(await persistence(), { invoice: { pollMs: MINUTE } });
      channel = w.zt.invoices.channel as FakeInvoicingChannel;
      await w.zt.invoices.setSettings({ shopId: '*', issueWhen: 'paid', issuer: ISSUER, goodsRate: 1300, freightRate: 900, categoryRates: {} });
    }, 60_000);
    const request = (buyer: Buyer = PERSON, memberId = 'member-1', orderId = 'o1') => w.zt.invoices.request({ memberId, orderId, buyer });
    const invoices = async (orderId = 'o1') => w.zt.invoices.search({ orderId, limit: 50 });
    const refund = async (lines: { lineId: string; quantity: number }[]) => {
      await w.refundOnly('o1', lines);
      await w.zt.jobs.runUntilIdle();
    };

    it('issues a blue invoice for what was paid, taxed line by line (decision 0033): 223.00 with 25.39 of tax', async () => {
      await w.paidOrder({ id: 'o1' });
      const requested = await request(COMPANY);
      expect([requested.status, requested.kind, requested.amount.toString(), requested.tax.toString()]).toEqual(['requested', 'blue', '223.00', '25.39']);
      expect(requested.lines.map((l) => [l.lineId, l.quantity, l.amount.toString(), l.rate, l.net.toString(), l.tax.toString()])).toEqual([
        ['L1', 2, '185.00', 1300, '163.72', '21.28'],
        ['L2', 1, '30.00', 1300, '26.55', '3.45'],
        ['freight', 1, '8.00', 900, '7.34', '0.66'],
      ]);
      expect(requested.issuer).toEqual(ISSUER);
      await w.zt.jobs.runUntilIdle();
      const issued = await w.zt.invoices.get({ invoiceId: requested.id, memberId: 'member-1' });
      expect([issued.status, issued.fapiao?.number, issued.attempts]).toEqual(['issued', channel.fapiaoOf(requested.id)?.number, 1]);
      expect(issued.history.map((h) => h.status)).toEqual(['requested', 'issuing', 'issued']);
      expect(w.jobErrors).toEqual([]);
    });

    it('refuses a second blue invoice (INVOICE.ALREADY_INVOICED), another member’s order (404), an unpaid order and bad buyers — writing nothing', async () => {
      await w.paidOrder({ id: 'o1' });
      await w.unpaidOrder({ id: 'o2' });
      expect(await codeOf(request(PERSON, 'member-2'))).toBe('INVOICE.ORDER_NOT_FOUND');
      expect(await codeOf(request(PERSON, 'member-1', 'o2'))).toBe('INVOICE.NOT_INVOICEABLE');
      expect(await codeOf(request({ ...COMPANY, taxNumber: null }))).toBe('INVOICE.INVALID_BUYER');
      expect(await codeOf(request({ ...PERSON, title: ' ' }))).toBe('INVOICE.INVALID_BUYER');
      expect(await codeOf(request({ ...PERSON, email: 'not-an-address' }))).toBe('INVOICE.INVALID_BUYER');
      expect(await invoices()).toEqual([]);
      const first = await request();
      expect(await codeOf(request(COMPANY))).toBe('INVOICE.ALREADY_INVOICED');
      await w.zt.jobs.runUntilIdle();
      expect(await codeOf(request(COMPANY))).toBe('INVOICE.ALREADY_INVOICED');
      expect((await invoices()).map((i) => i.id)).toEqual([first.id]);
      expect(channel.fapiaos.size).toBe(1);
    });

    it('a partial refund red-flushes the issued invoice (−223.00, its own fapiao) and reissues 130.50 for what is kept: blue + red + blue = paid − refunded', async () => {
      await w.paidOrder({ id: 'o1' });
      const blue = await request();
      await w.zt.jobs.runUntilIdle();
      await refund([{ lineId: 'L1', quantity: 1 }]); // 92.50
      const all = await invoices();
      const red = all.find((i) => i.kind === 'red')!;
      const reissued = all.find((i) => i.kind === 'blue' && i.id !== blue.id)!;
      expect([red.status, red.reverses, red.amount.toString(), red.tax.toString()]).toEqual(['issued', blue.id, '-223.00', '-25.39']);
      expect(red.fapiao?.number).not.toBe(channel.fapiaoOf(blue.id)?.number);
      expect((await w.zt.invoices.get({ invoiceId: blue.id })).status).toBe('red_flushed');
      expect([reissued.status, reissued.amount.toString(), reissued.buyer]).toEqual(['issued', '130.50', PERSON]);
      // L1 one unit: 92.50 × 13/113 = 10.6416 → 10.64
      expect(reissued.lines.map((l) => [l.lineId, l.quantity, l.amount.toString(), l.tax.toString()])).toEqual([
        ['L1', 1, '92.50', '10.64'],
        ['L2', 1, '30.00', '3.45'],
        ['freight', 1, '8.00', '0.66'],
      ]);
      expect(invoicedNet(all)).toBe('130.50');
      expect(w.jobErrors).toEqual([]);
    });

    it('a full refund red-flushes the invoice and issues nothing more: the invoices sum to 0.00', async () => {
      await w.paidOrder({ id: 'o1' });
      await request();
      await w.zt.jobs.runUntilIdle();
      await refund([
        { lineId: 'L1', quantity: 2 },
        { lineId: 'L2', quantity: 1 },
      ]);
      const all = await invoices();
      expect(all.map((i) => [i.kind, i.status]).sort()).toEqual([
        ['blue', 'red_flushed'],
        ['red', 'issued'],
      ]);
      expect(invoicedNet(all)).toBe('0.00');
      expect(await codeOf(request())).toBe('INVOICE.NOT_INVOICEABLE');
    });

    it('refunds of an invoice not issued (the channel refused it) reprice it; a full refund then cancels it, and no fapiao is ever issued', async () => {
      await w.paidOrder({ id: 'o1' });
      channel.rejectNext('buyer title unknown');
      const blue = await request();
      await w.zt.jobs.runUntilIdle();
      expect((await w.zt.invoices.get({ invoiceId: blue.id })).status).toBe('failed');
      await refund([{ lineId: 'L2', quantity: 1 }]);
      const repriced = await w.zt.invoices.get({ invoiceId: blue.id });
      expect([repriced.status, repriced.amount.toString(), repriced.lines.map((l) => l.lineId)]).toEqual(['failed', '193.00', ['L1', 'freight']]);
      await refund([{ lineId: 'L1', quantity: 2 }]);
      expect((await w.zt.invoices.get({ invoiceId: blue.id })).status).toBe('cancelled');
      w.clock.advance(DAY);
      await w.zt.jobs.runUntilIdle();
      expect([(await w.zt.invoices.get({ invoiceId: blue.id })).status, channel.calls.length, channel.fapiaos.size]).toEqual(['cancelled', 1, 0]);
    });

    it('a refund while the channel is unreachable waits for its answer: issued for 223.00, then red-flushed and reissued for 193.00', async () => {
      await w.paidOrder({ id: 'o1' });
      channel.failNext(1);
      const blue = await request();
      await w.zt.jobs.runDue();
      await refund([{ lineId: 'L2', quantity: 1 }]);
      expect((await w.zt.invoices.get({ invoiceId: blue.id })).amount.toString()).toBe('223.00'); // sent as it was: maybe issued already
      w.clock.advance(DAY);
      await w.zt.jobs.runUntilIdle();
      const all = await invoices();
      expect(all.map((i) => [i.kind, i.status, i.amount.toString()])).toEqual([
        ['blue', 'issued', '193.00'],
        ['red', 'issued', '-223.00'],
        ['blue', 'red_flushed', '223.00'],
      ]);
      expect(invoicedNet(all)).toBe('193.00');
    });

    it('a channel that is down is retried with backoff and a late one asked again: one fapiao per invoice, however often asked', async () => {
      await w.paidOrder({ id: 'o1' });
      channel.failNext(2);
      const blue = await request();
      await w.zt.jobs.runDue();
      const waiting = await w.zt.invoices.get({ invoiceId: blue.id });
      // Whether the channel issued is unknown: still issuing (not editable), the error kept, sent again later.
      expect([waiting.status, waiting.lastError]).toEqual(['issuing', 'channel fake unreachable: fake invoicing channel: 503 Service Unavailable']);
      expect(await codeOf(w.zt.invoices.editBuyer({ invoiceId: blue.id, memberId: 'member-1', buyer: COMPANY }))).toBe('INVOICE.NOT_EDITABLE');
      w.clock.advance(DAY);
      await w.zt.jobs.runUntilIdle();
      w.clock.advance(DAY);
      await w.zt.jobs.runUntilIdle();
      const issued = await w.zt.invoices.get({ invoiceId: blue.id });
      expect([issued.status, issued.attempts]).toEqual(['issued', 3]);
      expect([...channel.fapiaos.keys()]).toEqual([blue.id]);
    });

    it('a late channel answers pending: the invoice stays issuing (not editable) and is asked again after pollMs', async () => {
      const late = await fulfilmentWorld(await persistence(), { invoice: { pollMs: MINUTE, lateMs: 5 * MINUTE } });
      const lateChannel = late.zt.invoices.channel as FakeInvoicingChannel;
      await late.zt.invoices.setSettings({ shopId: '*', issueWhen: 'paid', issuer: ISSUER, goodsRate: 1300, freightRate: 900, categoryRates: {} });
      await late.paidOrder({ id: 'o1' });
      const blue = await late.zt.invoices.request({ memberId: 'member-1', orderId: 'o1', buyer: PERSON });
      await late.zt.jobs.runUntilIdle();
      expect((await late.zt.invoices.get({ invoiceId: blue.id })).status).toBe('issuing');
      expect(await codeOf(late.zt.invoices.editBuyer({ invoiceId: blue.id, memberId: 'member-1', buyer: COMPANY }))).toBe('INVOICE.NOT_EDITABLE');
      for (let i = 0; i < 5; i++) {
        late.clock.advance(MINUTE);
        await late.zt.jobs.runUntilIdle();
      }
      const issued = await late.zt.invoices.get({ invoiceId: blue.id });
      expect(lateChannel.calls.length).toBeGreaterThan(1);
      expect([issued.status, issued.attempts]).toEqual(['issued', lateChannel.calls.length]); // every poll a send
      expect(lateChannel.fapiaos.size).toBe(1);
    });

    it('the buyer edits their fields until issued; a rejected invoice is sent again with them; once issued, 409 INVOICE.NOT_EDITABLE', async () => {
      await w.paidOrder({ id: 'o1' });
      channel.rejectNext('buyer tax number unknown to the tax bureau');
      const blue = await request(COMPANY);
      await w.zt.jobs.runUntilIdle();
      const rejected = await w.zt.invoices.get({ invoiceId: blue.id });
      expect([rejected.status, rejected.lastError]).toEqual(['failed', 'buyer tax number unknown to the tax bureau']);
      const edited = await w.zt.invoices.editBuyer({ invoiceId: blue.id, memberId: 'member-1', buyer: { ...COMPANY, taxNumber: '91330100MA2B0000ZZ' } });
      expect([edited.status, edited.buyer.taxNumber, edited.issuer]).toEqual(['requested', '91330100MA2B0000ZZ', ISSUER]);
      await w.zt.jobs.runUntilIdle();
      expect((await w.zt.invoices.get({ invoiceId: blue.id })).status).toBe('issued');
      expect(channel.calls.at(-1)?.buyer.taxNumber).toBe('91330100MA2B0000ZZ');
      expect(await codeOf(w.zt.invoices.editBuyer({ invoiceId: blue.id, memberId: 'member-1', buyer: PERSON }))).toBe('INVOICE.NOT_EDITABLE');
      expect(await codeOf(w.zt.invoices.editBuyer({ invoiceId: blue.id, memberId: 'member-2', buyer: PERSON }))).toBe('INVOICE.INVOICE_NOT_FOUND');
    });

    it('the invoice asked for at placing is requested when the order is paid — or, for a shop invoicing on receipt, when it completes', async () => {
      await w.zt.invoices.setSettings({ shopId: 'shop-a', issueWhen: 'received', issuer: ISSUER, goodsRate: 1300, freightRate: 900, categoryRates: {} });
      await w.paidOrder({ id: 'o1', invoice: { title: '杭州某某科技有限公司', taxNumber: '91330100MA2B0000XY' } });
      await w.zt.jobs.runUntilIdle();
      expect(await invoices()).toEqual([]);
      expect(await codeOf(request())).toBe('INVOICE.NOT_INVOICEABLE');
      await w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF1' });
      await w.zt.fulfilment.confirmReceipt({ memberId: 'member-1', orderId: 'o1' });
      await w.zt.jobs.runUntilIdle();
      const [invoice] = await invoices();
      expect([invoice?.status, invoice?.buyer.type, invoice?.buyer.title, invoice?.amount.toString()]).toEqual([
        'issued',
        'company',
        '杭州某某科技有限公司',
        '223.00',
      ]);
    });

    it('settings: only VAT rates and an issuer with a taxpayer number (INVOICE.INVALID_SETTINGS); a category’s own rate taxes its lines (milk powder 9 %: 30.00 → 2.48)', async () => {
      const settings = { shopId: 'shop-a', issueWhen: 'paid' as const, issuer: ISSUER, goodsRate: 1300 as const, freightRate: 900 as const, categoryRates: {} };
      expect(await codeOf(w.zt.invoices.setSettings({ ...settings, goodsRate: 1200 as never }))).toBe('INVOICE.INVALID_SETTINGS');
      expect(await codeOf(w.zt.invoices.setSettings({ ...settings, issuer: { name: ' ', taxNumber: ISSUER.taxNumber } }))).toBe('INVOICE.INVALID_SETTINGS');
      expect(await codeOf(w.zt.invoices.setSettings({ ...settings, issuer: { name: 'x', taxNumber: 'x' } }))).toBe('INVOICE.INVALID_SETTINGS');
      expect((await w.zt.invoices.getSettings({ shopId: 'shop-a' })).shopId).toBe('*'); // nothing written: the default answers
      const milk = await w.zt.catalog.createCategory({ name: 'Milk powder' });
      const spu = await w.zt.catalog.createSpu({ code: 'MILK-1', title: 'Formula', categoryId: milk.id, salePrice: '30.00' });
      await w.zt.invoices.setSettings({ ...settings, categoryRates: { [milk.id]: 900 } });
      await w.paidOrder({ id: 'o1', lines: [aLine('L1', '100.00', 1, { skuId: 'sku-tea' }), aLine('L2', '30.00', 1, { skuId: 'sku-cup', spuId: spu.id })] });
      const invoice = await request();
      // 30.00 × 9/109 = 2.4770 → 2.48; 100.00 × 13/113 = 11.5044 → 11.50
      expect(invoice.lines.map((l) => [l.lineId, l.rate, l.tax.toString()])).toEqual([
        ['L1', 1300, '11.50'],
        ['L2', 900, '2.48'],
        ['freight', 900, '0.66'],
      ]);
    });

    it('16 clients at once asking for the order’s invoice: one blue invoice, the others INVOICE.ALREADY_INVOICED; one fapiao', async () => {
      await w.paidOrder({ id: 'o1' });
      const outcomes = await Promise.allSettled(Array.from({ length: 16 }, (_, i) => request(i % 2 === 0 ? PERSON : COMPANY)));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as { code?: string }).code).toBe('INVOICE.ALREADY_INVOICED');
      await w.zt.jobs.runUntilIdle();
      expect((await invoices()).map((i) => [i.kind, i.status])).toEqual([['blue', 'issued']]);
      expect(channel.fapiaos.size).toBe(1);
    });

    it('refunds of every unit at once, each followed by the invoice: red and reissued invoices settle to exactly what the order keeps', async () => {
      await w.paidOrder({ id: 'o1' });
      await request();
      await w.zt.jobs.runUntilIdle();
      const units = [
        { lineId: 'L1', quantity: 1 },
        { lineId: 'L1', quantity: 1 },
        { lineId: 'L2', quantity: 1 },
      ];
      const requests = [];
      for (const u of units) {
        const r = await w.zt.afterSales.open({ memberId: 'member-1', orderId: 'o1', type: 'refund_only', lines: [u], reason: 'no_longer_wanted' });
        await w.zt.afterSales.review({ requestId: r.id, staffId: 'agent-1', approve: true });
        requests.push(r);
      }
      await Promise.all(requests.slice(0, 2).map((r) => w.zt.afterSales.refund({ requestId: r.id, staffId: 'agent-1' })));
      for (let i = 0; i < 5; i++) {
        w.clock.advance(DAY);
        await w.zt.jobs.runUntilIdle();
      }
      let all = await invoices();
      expect(invoicedNet(all)).toBe('38.00'); // 223.00 − 185.00: L2 and the freight
      expect(all.filter((i) => i.kind === 'blue' && ['requested', 'issuing', 'issued', 'failed', 'flushing'].includes(i.status))).toHaveLength(1);
      await w.zt.afterSales.refund({ requestId: requests[2]!.id, staffId: 'agent-1' });
      for (let i = 0; i < 5; i++) {
        w.clock.advance(DAY);
        await w.zt.jobs.runUntilIdle();
      }
      all = await invoices();
      expect(invoicedNet(all)).toBe('0.00');
      expect(all.every((i) => i.status === 'issued' || i.status === 'red_flushed' || i.status === 'cancelled')).toBe(true);
    });

    it('no settings at all: INVOICE.NOT_CONFIGURED, nothing written', async () => {
      const bare = await fulfilmentWorld(await persistence());
      await bare.paidOrder({ id: 'o1' });
      expect(await codeOf(bare.zt.invoices.request({ memberId: 'member-1', orderId: 'o1', buyer: PERSON }))).toBe('INVOICE.NOT_CONFIGURED');
      expect(await bare.zt.invoices.search({ limit: 10 })).toEqual([]);
    });
  });
}
