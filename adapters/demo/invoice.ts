import type { CategoryNode } from '../../domain/catalog/ports.js';
import { DEFAULT_SETTINGS } from '../../domain/invoice/index.js';
import type { Zhongtai } from '../container/create-zhongtai.js';
import { DEMO_MEMBER_ID } from './members.js';
import { demoSkuIds, fakeChannelOf, placePaidDemoOrder } from './ordering.js';

const find = (nodes: readonly CategoryNode[], name: string): CategoryNode | undefined => {
  for (const n of nodes) {
    const hit = n.name === name ? n : find(n.children, name);
    if (hit) return hit;
  }
  return undefined;
};

/**
 * Invoice settings for every shop (the default, `*`: a demo issuer, goods at 13 %, freight at 9 %, milk
 * powder at 9 %), and a completed order of the demo member with an issued invoice and a return of one
 * unit awaiting review — what GET /me/invoices and GET /me/after-sales show; refunding that return
 * red-flushes the invoice and reissues it for the rest. Once: a second run finds the invoice. Needs the
 * fake payment channel and an invoicing channel (demo mode, tests).
 */
export async function seedInvoiceDemo(zt: Zhongtai): Promise<void> {
  const milk = find(await zt.catalog.queries.categoryTree(), '奶粉 Milk powder');
  await zt.invoices.setSettings({
    shopId: DEFAULT_SETTINGS,
    issueWhen: 'paid',
    issuer: { name: '中台示范商贸有限公司', taxNumber: '91310000MA1FL0000X' },
    goodsRate: 1300,
    freightRate: 900,
    categoryRates: milk ? { [milk.id]: 900 } : {},
  });
  const fake = fakeChannelOf(zt);
  if (!fake || zt.invoices.channel === null) return;
  if ((await zt.invoices.listOfMember({ memberId: DEMO_MEMBER_ID })).length > 0) return;
  const formula = (await demoSkuIds(zt)).get('MEADOW-GOLD-2-01');
  if (!formula) return;
  const orderId = await placePaidDemoOrder(zt, fake, { skuId: formula, quantity: 2 }, 'demo-order-invoice');
  if ((await zt.orderQueries.get({ memberId: DEMO_MEMBER_ID, orderId })).status === 'pending_shipment') {
    await zt.fulfilment.ship({ orderId, carrier: 'SF', trackingNumber: 'SF1000000001' });
    await zt.fulfilment.confirmReceipt({ memberId: DEMO_MEMBER_ID, orderId });
  }
  const invoice = await zt.invoices.request({
    memberId: DEMO_MEMBER_ID,
    orderId,
    buyer: { type: 'personal', title: '张三', taxNumber: null, email: 'demo-member@example.com', address: null },
  });
  await zt.invoices.issue({ invoiceId: invoice.id });
  const order = await zt.orderQueries.get({ memberId: DEMO_MEMBER_ID, orderId });
  await zt.afterSales.open({
    memberId: DEMO_MEMBER_ID,
    orderId,
    type: 'return_and_refund',
    lines: [{ lineId: order.lines[0]!.lineId, quantity: 1 }],
    reason: 'damaged',
    description: '罐子压瘪了',
  });
}
