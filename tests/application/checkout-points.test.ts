import { describe, expect, it } from 'vitest';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import { membershipCheckoutPoints } from '../../application/membership/index.js';

describe('checkout points come from the membership ledger (PRM-3 step 5)', () => {
  it("a member's balance and the platform's rule; nothing to spend without points", async () => {
    const zt = createZhongtai();
    await zt.membership.register({ memberId: 'rich' });
    await zt.membership.register({ memberId: 'poor' });
    await zt.membership.adjustPoints({ memberId: 'rich', delta: 1200, operator: 'ops', reason: 'welcome gift' });
    const read = (memberId: string) => zt.persistence.unitOfWork(zt.events).run((tx) => membershipCheckoutPoints.pointsOf(tx, memberId));
    const rules = await zt.membership.rules();
    expect(await read('rich')).toEqual({ balance: 1200, ratio: rules.points.ratio, maxPercent: String(rules.points.maxPercent) });
    expect(await read('poor')).toBeNull();
    expect(await read('stranger')).toBeNull();
  });
});
