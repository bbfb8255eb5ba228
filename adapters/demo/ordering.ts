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
  const fake = zt.payments.channels.has('fake') ? zt.payments.channels.get('fake') : null;
  if (!(fake instanceof FakePaymentChannel)) return;
  const skus = new Map<string, string>();
  const { items } = await zt.catalog.queries.searchSpus({ status: 'listed' }, { page: 1, size: 100 });
  for (const summary of items) {
    for (const sku of (await zt.catalog.queries.spu(summary.id))?.skus ?? []) skus.set(sku.code, sku.id);
  }
  const phone = skus.get('NOVA-X1-01');
  const formula = skus.get('MEADOW-GOLD-2-01');
  if (!phone || !formula) return;
  const paid = await zt.orders.place({
    memberId: DEMO_MEMBER_ID,
    buyNow: { skuId: phone, quantity: 1 },
    consignee: CONSIGNEE,
    coupons: 'none',
    idempotencyKey: 'demo-order-paid',
  });
  if (!paid.replayed) {
    const payment = await zt.payments.pay({ memberId: DEMO_MEMBER_ID, orderIds: paid.payableOrderIds, channel: 'fake' });
    if (payment.number) await fake.complete(payment.number);
  }
  await zt.orders.place({
    memberId: DEMO_MEMBER_ID,
    buyNow: { skuId: formula, quantity: 1 },
    consignee: CONSIGNEE,
    coupons: 'none',
    idempotencyKey: 'demo-order-unpaid',
  });
}
