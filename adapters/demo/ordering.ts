import type { Zhongtai } from '../container/create-zhongtai.js';
import { FakePaymentChannel } from '../channels/payment/index.js';
import { DEMO_MEMBER_ID } from './members.js';

const CONSIGNEE = { name: '演示用户', phone: '13800000000', district: '330106', address: '杭州市西湖区文三路 1 号' };

/**
 * Two orders of the demo member, once (idempotency keys make a second run answer the same orders): a
 * phone paid through the fake channel (pending shipment), and formula still awaiting payment (its
 * ORD-3 timeout is a durable job; the member can pay it with POST /me/payments). Buy-now, so the
 * demo cart stays as it is. They need the fake channel (demo mode, tests): without it, none is placed.
 */
export async function seedOrderDemo(zt: Zhongtai): Promise<void> {
  const fake = fakeChannelOf(zt);
  if (!fake) return;
  const skus = await demoSkuIds(zt);
  const phone = skus.get('NOVA-X1-01');
  const formula = skus.get('MEADOW-GOLD-2-01');
  if (!phone || !formula) return;
  await placePaidDemoOrder(zt, fake, { skuId: phone, quantity: 1 }, 'demo-order-paid');
  await zt.orders.place({
    memberId: DEMO_MEMBER_ID,
    buyNow: { skuId: formula, quantity: 1 },
    consignee: CONSIGNEE,
    coupons: 'none',
    idempotencyKey: 'demo-order-unpaid',
  });
}

/** The fake payment channel, when it is wired (demo mode, tests); the demos that pay need it. */
export function fakeChannelOf(zt: Zhongtai): FakePaymentChannel | null {
  const fake = zt.payments.channels.has('fake') ? zt.payments.channels.get('fake') : null;
  return fake instanceof FakePaymentChannel ? fake : null;
}

/** The listed SKUs of the demo catalog by code. */
export async function demoSkuIds(zt: Zhongtai): Promise<Map<string, string>> {
  const skus = new Map<string, string>();
  const { items } = await zt.catalog.queries.searchSpus({ status: 'listed' }, { page: 1, size: 100 });
  for (const summary of items) {
    for (const sku of (await zt.catalog.queries.spu(summary.id))?.skus ?? []) skus.set(sku.code, sku.id);
  }
  return skus;
}

/** A buy-now order of the demo member, placed once under `key` and paid through the fake channel; its id. */
export async function placePaidDemoOrder(zt: Zhongtai, fake: FakePaymentChannel, line: { skuId: string; quantity: number }, key: string): Promise<string> {
  const placed = await zt.orders.place({ memberId: DEMO_MEMBER_ID, buyNow: line, consignee: CONSIGNEE, coupons: 'none', idempotencyKey: key });
  if (!placed.replayed) {
    const payment = await zt.payments.pay({ memberId: DEMO_MEMBER_ID, orderIds: placed.payableOrderIds, channel: 'fake' });
    if (payment.number) await fake.complete(payment.number);
  }
  return placed.orderId;
}
