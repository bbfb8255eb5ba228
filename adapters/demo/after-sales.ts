import type { Zhongtai } from '../container/create-zhongtai.js';
import { DEMO_MEMBER_ID } from './members.js';
import { demoSkuIds, fakeChannelOf, placePaidDemoOrder } from './ordering.js';

/**
 * A paid order of the demo member with two tins of formula, and a refund-only request (仅退款) for one
 * of them awaiting review — what GET /me/after-sales shows and staff review with POST
 * /admin/after-sales/:id/review, then refund. Once: a second run finds the request. Needs the fake
 * channel (demo mode, tests), as the ordering demo does.
 */
export async function seedAfterSalesDemo(zt: Zhongtai): Promise<void> {
  const fake = fakeChannelOf(zt);
  if (!fake) return;
  if ((await zt.afterSales.listOfMember({ memberId: DEMO_MEMBER_ID })).length > 0) return;
  const formula = (await demoSkuIds(zt)).get('MEADOW-GOLD-2-01');
  if (!formula) return;
  const orderId = await placePaidDemoOrder(zt, fake, { skuId: formula, quantity: 2 }, 'demo-order-after-sales');
  const order = await zt.orderQueries.get({ memberId: DEMO_MEMBER_ID, orderId });
  if (order.status !== 'pending_shipment') return;
  await zt.afterSales.open({
    memberId: DEMO_MEMBER_ID,
    orderId,
    type: 'refund_only',
    lines: [{ lineId: order.lines[0]!.lineId, quantity: 1 }],
    reason: 'no_longer_wanted',
    description: '买多了一罐',
  });
}
