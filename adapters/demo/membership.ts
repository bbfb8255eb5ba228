import { isDomainError } from '../../domain/shared/domain-error.js';
import type { Zhongtai } from '../container/create-zhongtai.js';

const DAY = 86_400_000;

/**
 * Demo membership (idempotent): the demo member's profile and address, a day's sign-in, and paid (and
 * completed) orders of twelve members spread over the year so that an RFM run shows several segments.
 */
export async function seedMembershipDemo(zt: Zhongtai): Promise<{ rfmRun: boolean }> {
  const now = zt.clock.now();
  await zt.membership.register({ memberId: 'demo-member', phone: '13800138000', gender: 'female' });
  const profile = await zt.membership.get({ memberId: 'demo-member' });
  if (profile.addresses.length === 0) {
    await zt.membership.putAddress({ memberId: 'demo-member', recipient: '张三', phone: '13800138000', region: '上海市 浦东新区', detail: '世纪大道 100 号' });
  }
  await zt.membership.joinShop({ memberId: 'demo-member', shopId: 'meadow-flagship' });
  // (member, days ago of each order, amount): recent and frequent big spenders down to one old small order.
  const patterns: [string, number[], string][] = [
    ['demo-member', [3, 20, 45, 80, 120], '268.00'],
    ['demo-vip-1', [1, 10, 30, 60, 90, 150], '520.00'],
    ['demo-vip-2', [5, 40, 100], '880.00'],
    ['demo-new-1', [2], '59.00'],
    ['demo-new-2', [8], '1299.00'],
    ['demo-regular', [15, 35, 55, 75, 95, 115, 135], '39.90'],
    ['demo-lapsed-1', [200, 230, 260, 290], '450.00'],
    ['demo-lapsed-2', [300], '19.90'],
    ['demo-lapsed-3', [330, 340], '2999.00'],
    ['demo-casual-1', [60, 180], '88.00'],
    ['demo-casual-2', [25, 150, 250], '25.00'],
    ['demo-casual-3', [110], '199.00'],
  ];
  for (const [memberId, days, amount] of patterns) {
    await zt.membership.register({ memberId });
    for (const d of days) {
      const orderId = `demo-order-${memberId}-${d}`;
      await zt.membership.recordPaidOrder({ orderId, memberId, paidAt: new Date(now.getTime() - d * DAY), amount });
      await zt.membership.recordOrderCompleted({ orderId });
    }
  }
  await zt.membership.signIn({ memberId: 'demo-member' });
  try {
    await zt.membership.rfmSegments();
    return { rfmRun: false };
  } catch (e) {
    if (!isDomainError(e) || e.code !== 'MEMBERSHIP.RFM_RUN_NOT_FOUND') throw e;
    await zt.membership.runRfm();
    return { rfmRun: true };
  }
}
