import type { CreateActivityCommand } from '../../application/promotion/index.js';
import type { Zhongtai } from '../container/create-zhongtai.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The catalog demo's SKU of this code, or null when the catalog demo was not loaded. */
async function skuOf(zt: Zhongtai, spuCode: string, skuCode: string): Promise<string | null> {
  const { items } = await zt.catalog.queries.searchSpus({ keyword: spuCode }, { page: 1, size: 5 });
  for (const summary of items) {
    const sku = (await zt.catalog.queries.spu(summary.id))?.skus.find((k) => k.code === skuCode);
    if (sku) return sku.id;
  }
  return null;
}

/**
 * Demo activities, each created, submitted and approved only when no activity has its name yet
 * (idempotent on restart): a platform 满减 (满300减40, 满500减80) for everyone; a two-day flash sale
 * (秒杀) on the 800g milk powder at 238.00, exclusive, at most 2 orders per member, selling from the
 * sales layer's carve-out pool `demo-flash-sale` (see the inventory demo); and a group buy (拼团) on the
 * 400g milk powder: 3 people pay 148.00, 5 people 138.00, groups open 24 hours.
 */
export async function seedPromotionDemo(zt: Zhongtai): Promise<{ created: number }> {
  const now = zt.clock.now();
  const startsAt = new Date(now.getTime() - HOUR);
  const big = await skuOf(zt, 'MEADOW-GOLD-2', 'MEADOW-GOLD-2-02');
  const small = await skuOf(zt, 'MEADOW-GOLD-2', 'MEADOW-GOLD-2-01');
  const activities: CreateActivityCommand[] = [
    {
      name: '全场满300减40 满500减80',
      rule: {
        kind: 'full_reduction',
        rule: {
          mode: 'tiered',
          tiers: [
            { threshold: '300.00', off: '40.00' },
            { threshold: '500.00', off: '80.00' },
          ],
        },
      },
      startsAt,
      endsAt: new Date(now.getTime() + 30 * DAY),
      budget: '100000.00',
    },
  ];
  if (big) {
    activities.push({
      name: '秒杀 Meadow Gold 2段 800g',
      rule: { kind: 'flash_sale', prices: [{ skuId: big, price: '238.00' }] },
      scope: { kind: 'skus', ids: [big] },
      startsAt,
      endsAt: new Date(now.getTime() + 2 * DAY),
      stacking: 'exclusive',
      priority: 10,
      perMemberLimit: 2,
      stockPool: 'demo-flash-sale',
    });
  }
  if (small) {
    activities.push({
      name: '拼团 Meadow Gold 2段 400g',
      rule: { kind: 'group_buy', prices: [{ skuId: small, price: '148.00' }] },
      scope: { kind: 'skus', ids: [small] },
      startsAt,
      endsAt: new Date(now.getTime() + 14 * DAY),
      groupBuy: { type: 'normal', size: 3, hours: 24, ladder: [{ size: 5, prices: [{ skuId: small, price: '138.00' }] }] },
    });
  }
  const existing = new Set((await zt.promotions.listActivities()).map((a) => a.versions[a.versions.length - 1]!.definition.name));
  let created = 0;
  for (const fields of activities) {
    if (existing.has(fields.name)) continue;
    const a = await zt.promotions.createActivity({ ...fields, by: 'demo' });
    await zt.promotions.submitActivity({ activityId: a.id, by: 'demo' });
    // Four eyes (decision 0021): a second staff member approves.
    await zt.promotions.approveActivity({ activityId: a.id, by: 'demo-reviewer' });
    created += 1;
  }
  return { created };
}
