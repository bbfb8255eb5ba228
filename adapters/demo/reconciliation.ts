import type { StatementRecord } from '../../domain/payment/index.js';
import { dayOf } from '../../domain/reconciliation/index.js';
import { Money } from '../../domain/shared/money.js';
import type { Zhongtai } from '../container/create-zhongtai.js';
import type { FakePaymentChannel } from '../channels/payment/fake-channel.js';
import { demoSkuIds, fakeChannelOf } from './ordering.js';

const ZERO = Money.zero();
/** A buyer of its own, so the demo member's orders stay as the other demos made them. */
const BUYER = 'demo-reconciliation-buyer';
const CONSIGNEE = { name: '对账演示', phone: '13800000001', district: '330106', address: '杭州市西湖区文三路 2 号' };

async function placePaid(zt: Zhongtai, fake: FakePaymentChannel, skuId: string, key: string): Promise<string> {
  const placed = await zt.orders.place({ memberId: BUYER, buyNow: { skuId, quantity: 1 }, consignee: CONSIGNEE, coupons: 'none', idempotencyKey: key });
  if (!placed.replayed) {
    const payment = await zt.payments.pay({ memberId: BUYER, orderIds: placed.payableOrderIds, channel: 'fake' });
    if (payment.number) await fake.complete(payment.number);
  }
  return placed.orderId;
}

/**
 * One reconciliation day of the fake channel (today, in its time zone) with one discrepancy of each
 * kind: five paid demo orders, two of them cancelled after payment (refunded), and the channel's
 * statement of them with faults — a payment and a refund missing, a payment and a refund of another
 * amount, and a payment and a refund the platform never saw (the payment's case can be accepted only if
 * the platform issued its number: this one it did not). The run posts the statement's fees to the ledger
 * and sets the statement's net against the clearing account (the faults' money is the difference).
 * Once: a second run finds the day's run.
 */
export async function seedReconciliationDemo(zt: Zhongtai): Promise<void> {
  const fake = fakeChannelOf(zt);
  if (!fake) return;
  const now = new Date();
  const day = dayOf(now, 'Asia/Shanghai');
  if ((await zt.reconciliation.listRuns({ channel: 'fake', day, limit: 1 })).length > 0) return;
  const sku = (await demoSkuIds(zt)).get('MEADOW-GOLD-2-01');
  if (!sku) return;
  const paid: { orderId: string; number: string; amount: Money }[] = [];
  for (let i = 1; i <= 5; i++) {
    const before = new Set(fake.charges.keys());
    const orderId = await placePaid(zt, fake, sku, `demo-order-reconciliation-${i}`);
    const number = [...fake.charges.keys()].find((n) => !before.has(n));
    if (!number) return; // placed before: the demo ran already
    paid.push({ orderId, number, amount: fake.charges.get(number)!.amount });
  }
  for (const p of paid.slice(3)) await zt.fulfilment.cancelPaid({ orderId: p.orderId, by: 'staff', operator: 'demo', reason: 'demo: reconciliation' });
  const at = new Date();
  const line = (kind: 'payment' | 'refund', number: string, amount: Money, n: number): StatementRecord => ({
    kind,
    number,
    at,
    amount,
    channelTransactionId: `FAKE-STATEMENT-${n}`,
    fee: kind === 'payment' ? amount.multiply('0.006').roundToCents() : ZERO,
  });
  const [, b, c, d, e] = paid as [(typeof paid)[0], (typeof paid)[0], (typeof paid)[0], (typeof paid)[0], (typeof paid)[0]];
  const cent = Money.of('0.01');
  // The statement shows every record of the platform's day (other demos paid through the fake channel
  // too), less the faulted ones, plus the faults.
  const faulted = new Set([b.number, c.number, `cancel-${d.orderId}`, `cancel-${e.orderId}`]);
  const platform = await zt.reconciliation.platformRecords({ channel: 'fake', day });
  const lines: StatementRecord[] = [
    ...platform.filter((r) => !faulted.has(r.number)).map((r, i) => line(r.kind, r.number, r.amount, 100 + i)),
    // b: paid here, not on the statement (payment_missing_at_channel)
    line('payment', c.number, c.amount.add(cent), 3), // payment_amount_differs
    // d's refund: refunded here, not on the statement (refund_missing_at_channel)
    line('refund', `cancel-${e.orderId}`, e.amount.subtract(cent), 6), // refund_amount_differs
    line('payment', 'DEMO-UNKNOWN-PAYMENT', Money.of('88.00'), 7), // payment_missing_here
    line('refund', 'DEMO-UNKNOWN-REFUND', Money.of('18.00'), 8), // refund_missing_here
  ];
  // The ledger posts the demo's payments and refunds as their events are delivered (in the background
  // under `serve`): delivered now, so the run's check of the clearing account sees them.
  await zt.persistence.drainOutbox(zt.events);
  await zt.jobs.runUntilIdle();
  await zt.reconciliation.run({ channel: 'fake', day, lines, by: 'demo' });
}
