import type { CouponTemplateFields } from '../../domain/coupon/coupon-template.js';
import type { Zhongtai } from '../container/create-zhongtai.js';

const DAY = 86_400_000;

/**
 * Demo coupon templates, each created only when no template has its name yet (idempotent on restart):
 * a platform threshold coupon 满199减20 that members claim, a shop's discount coupon (10 % off over
 * 100, at most 30 off), and a hidden new-customer coupon that staff issue (10 off, no threshold).
 */
export async function seedCouponDemo(zt: Zhongtai): Promise<{ created: number }> {
  const now = zt.clock.now();
  const claimWindow = { startsAt: now, endsAt: new Date(now.getTime() + 365 * DAY) };
  const templates: CouponTemplateFields[] = [
    {
      name: '满199减20',
      kind: 'threshold',
      amount: '20.00',
      threshold: '199.00',
      validity: { kind: 'relative', days: 30 },
      claimWindow,
      totalQuantity: 10_000,
      perMemberLimit: 1,
    },
    {
      name: '牧场旗舰店 满100享9折 最高减30',
      kind: 'discount',
      percentOff: '10',
      cap: '30.00',
      threshold: '100.00',
      issuer: { kind: 'shop', shopId: 'meadow-flagship' },
      validity: { kind: 'relative', days: 15 },
      claimWindow,
      totalQuantity: 5_000,
      perMemberLimit: 2,
      channels: ['app', 'mini_program'],
    },
    {
      name: '新人专享 10元无门槛',
      kind: 'cash',
      amount: '10.00',
      validity: { kind: 'relative', days: 7 },
      claimWindow,
      totalQuantity: 100_000,
      perMemberLimit: 1,
      visibility: 'hidden',
      audience: 'new_customers',
    },
  ];
  const existing = new Set((await zt.coupons.listTemplates()).map((t) => t.name));
  let created = 0;
  for (const fields of templates) {
    if (existing.has(fields.name)) continue;
    await zt.coupons.createTemplate(fields);
    created += 1;
  }
  return { created };
}
