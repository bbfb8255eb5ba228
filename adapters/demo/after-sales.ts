import type { Zhongtai } from '../container/create-zhongtai.js';
import { FakePaymentChannel } from '../channels/payment/index.js';
import { DEMO_MEMBER_ID } from './members.js';

const CONSIGNEE = { name: '演示用户', phone: '13800000000', district: '330106', address: '杭州市西湖区文三路 1 号' };

/**
 * A paid order of the demo member with two tins of formula, and a refund-only request (仅退款) for one
 * of them awaiting review — what GET /me/after-sales shows and staff review with POST
 * /admin/after-sales/:id/review, then refund. Once: a second run finds the request. Needs the fake
 * channel (demo mode, tests), as the ordering demo does.
 */
export async function seedAfterSalesDemo(zt: Zhongtai): Promise<void> {
  const fake = zt.payments.channels.has('fake') ? zt.payments.channels.get('fake') : null;
  if (!(fake instanceof FakePaymentChannel)) return;
  if ((await zt.afterSales.listOfMember({ memberId: DEMO_MEMBER_ID })).length > 0) return;
  let formula: string | undefined;
  const { items } = await zt.catalog.queries.searchSpus({ status: 'listed' }, { page: 1, size: 100 });
  for (const summary of items) formula ??= (await zt.catalog.queries.spu(summary.id))?.skus.find((s) => s.code === 'MEADOW-GOLD-2-01')?.id;
  if (!formula) return;
  const placed = await zt.orders.place({
    memberId: DEMO_MEMBER_ID,
    buyNow: { skuId: formula, quantity: 2 },
    consignee: CONSIGNEE,
    coupons: 'none',
    idempotencyKey: 'demo-order-after-sales',
  });
  if (!placed.replayed) {
    const payment = await zt.payments.pay({ memberId: DEMO_MEMBER_ID, orderIds: placed.payableOrderIds, channel: 'fake' });
    if (payment.number) await fake.complete(payment.number);
  }
  const order = await zt.orderQueries.get({ memberId: DEMO_MEMBER_ID, orderId: placed.orderId });
  if (order.status !== 'pending_shipment') return;
  await zt.afterSales.open({
    memberId: DEMO_MEMBER_ID,
    orderId: order.id,
    type: 'refund_only',
    lines: [{ lineId: order.lines[0]!.lineId, quantity: 1 }],
    reason: 'no_longer_wanted',
    description: '买多了一罐',
  });
}
