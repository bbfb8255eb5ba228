import { beforeEach, describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../index.js';
import { aBargain, aFullReduction, aGroupBuy, GROUP_SKU } from '../domain/promotion/promotion-mothers.js';
import { at } from '../support/mothers.js';
import { storedOrders } from '../support/stored-orders.js';

describe('promotion use cases on memory', () => {
  let zt: Zhongtai;
  let now: Date;
  let events: string[];
  let orders: ReturnType<typeof storedOrders>;
  beforeEach(() => {
    now = at(10);
    zt = createZhongtai({ clock: { now: () => now } });
    events = [];
    zt.events.subscribe('*', (e) => void events.push(e.type));
    orders = storedOrders(zt);
  });
  const publish = async (input: Parameters<Zhongtai['promotions']['createActivity']>[0]) => {
    const a = await zt.promotions.createActivity(input);
    await zt.promotions.submitActivity({ activityId: a.id, by: 'alice' });
    return zt.promotions.approveActivity({ activityId: a.id, by: 'bob' });
  };
  const lines = [{ lineId: 'l1', skuId: GROUP_SKU, productId: 'p1', shopId: 'self', quantity: 4, unitPrice: '99.00' }];
  const member = { memberId: 'm1', isNew: false, channel: 'app' as const };

  it('PRM-2 events are published after each committed step', async () => {
    const a = await publish(aFullReduction());
    await zt.promotions.reviseActivity({ activityId: a.id, priority: 2 });
    await zt.promotions.voidActivity({ activityId: a.id, reason: 'done' });
    expect(events).toEqual([
      'promotion.activity.created',
      'promotion.activity.submitted',
      'promotion.activity.published',
      'promotion.activity.revised',
      'promotion.activity.voided',
    ]);
    // The table first (a draft is not approved), then the guards (nothing goes to review once voided).
    await expect(zt.promotions.approveActivity({ activityId: a.id, by: 'bob' })).rejects.toMatchObject({ code: 'PROMOTION.INVALID_TRANSITION' });
    await expect(zt.promotions.submitActivity({ activityId: a.id, by: 'alice' })).rejects.toMatchObject({ code: 'PROMOTION.ACTIVITY_VOIDED' });
    expect(events).toHaveLength(5);
  });

  it('four eyes (decision 0021): approving by the submitter or the author is refused, writes nothing and publishes nothing; a review step without a staff member is refused', async () => {
    const a = await zt.promotions.createActivity({ ...aFullReduction(), by: 'carol' });
    await zt.promotions.submitActivity({ activityId: a.id, by: 'alice' });
    const before = JSON.stringify(await zt.promotions.getActivity({ activityId: a.id }));
    const published = events.length;
    for (const by of ['alice', 'carol']) {
      await expect(zt.promotions.approveActivity({ activityId: a.id, by })).rejects.toMatchObject({ code: 'PROMOTION.SELF_APPROVAL', kind: 'forbidden' });
    }
    await expect(zt.promotions.approveActivity({ activityId: a.id, by: '' })).rejects.toMatchObject({ code: 'PROMOTION.ACTOR_REQUIRED' });
    expect(JSON.stringify(await zt.promotions.getActivity({ activityId: a.id }))).toBe(before);
    expect(events).toHaveLength(published);
    const approved = await zt.promotions.approveActivity({ activityId: a.id, by: 'bob' });
    expect(approved.versions[0]).toMatchObject({ authors: ['carol'], submittedBy: 'alice', approvedBy: 'bob', approvedAt: now });
  });

  it('budgets: charges are guarded and replayable; an exhausted activity stops serving; a new version may not budget below what was spent', async () => {
    const a = await publish({ ...aFullReduction(), budget: '50.00' });
    expect(await zt.promotions.chargeBudget({ activityId: a.id, reference: 'o1', amount: '40.00' })).toMatchObject({ replayed: false });
    expect(await zt.promotions.chargeBudget({ activityId: a.id, reference: 'o1', amount: '40.00' })).toMatchObject({ replayed: true });
    await expect(zt.promotions.chargeBudget({ activityId: a.id, reference: 'o2', amount: '10.01' })).rejects.toMatchObject({
      code: 'PROMOTION.BUDGET_EXHAUSTED',
    });
    await expect(zt.promotions.chargeBudget({ activityId: a.id, reference: 'o3', amount: '0.00' })).rejects.toMatchObject({ code: 'PROMOTION.INVALID_BUDGET' });
    await zt.promotions.chargeBudget({ activityId: a.id, reference: 'o2', amount: '10.00' });
    expect((await zt.promotions.activeActivities()).map((x) => x.id)).toEqual([]);
    await expect(zt.promotions.reviseActivity({ activityId: a.id, budget: '49.99' })).rejects.toMatchObject({
      code: 'PROMOTION.INVALID_BUDGET',
      details: { reason: 'BELOW_SPENT' },
    });
    await zt.promotions.releaseBudget({ activityId: a.id, reference: 'o2' });
    expect((await zt.promotions.activeActivities()).map((x) => x.id)).toEqual([a.id]);
    now = at(24 * 60 + 1);
    await expect(zt.promotions.chargeBudget({ activityId: a.id, reference: 'o9', amount: '1.00' })).rejects.toMatchObject({ code: 'PROMOTION.NOT_ACTIVE' });
  });

  it('ActiveActivities(now) follows the windows; the price preview uses what serves now, not group-buy prices', async () => {
    await publish(aFullReduction({ name: 'later', startsAt: at(100), endsAt: at(200) }));
    await publish(aGroupBuy());
    const flash = await publish(aFullReduction({ name: 'flash', rule: { kind: 'flash_sale', prices: [{ skuId: GROUP_SKU, price: '80.00' }] } }));
    expect((await zt.promotions.activeActivities()).map((a) => a.versions[0]!.definition.name).sort()).toEqual(['flash', '三人团']);
    expect((await zt.promotions.activeActivities({ now: at(150) })).map((a) => a.versions[0]!.definition.name).sort()).toEqual(['flash', 'later', '三人团']);
    const preview = await zt.promotions.previewPrice({ lines, member });
    expect(preview.lines[0]).toMatchObject({ itemPriceActivityId: flash.id });
    expect(preview.totals.payable.toString()).toBe('320.00'); // 4 × 80.00 (the flash sale), not the group's 89.00, and no 满减 yet
    expect(preview.at).toEqual(now);
  });

  it('groups: a closing sweep fails what is due, once, and publishes who to refund', async () => {
    const gb = await publish(aGroupBuy());
    for (const [id, m] of [
      ['oL', 'L'],
      ['oa', 'a'],
    ])
      await orders.unpaid(id!, m!, [GROUP_SKU]);
    const g = await zt.promotions.openGroup({ activityId: gb.id, memberId: 'L', orderId: 'oL' });
    await orders.pay('oL');
    await zt.promotions.confirmGroupPayment({ groupId: g.id, orderId: 'oL' });
    await zt.promotions.joinGroup({ groupId: g.id, memberId: 'a', orderId: 'oa' });
    now = at(10 + 24 * 60);
    expect(await zt.promotions.closeExpiredGroups()).toEqual({ failed: [g.id] });
    expect(await zt.promotions.closeExpiredGroups()).toEqual({ failed: [] });
    expect((await zt.promotions.getGroup({ groupId: g.id })).status).toBe('failed');
    expect(events.filter((e) => e.startsWith('promotion.group.'))).toEqual([
      'promotion.group.created',
      'promotion.group.member-paid',
      'promotion.group.opened',
      'promotion.group.joined',
      'promotion.group.failed',
    ]);
  });

  it('groups take only the caller’s own order, awaiting payment, of the activity’s goods (decision 0021); a refusal writes and publishes nothing', async () => {
    const gb = await publish(aGroupBuy());
    await orders.unpaid('o-mine', 'me', [GROUP_SKU]);
    await orders.unpaid('o-theirs', 'them', [GROUP_SKU]);
    await orders.unpaid('o-mixed', 'me', [GROUP_SKU, 'sku-other']);
    await orders.unpaid('o-paid', 'me', [GROUP_SKU]);
    await orders.pay('o-paid');
    await orders.unpaid('o-cancelled', 'me', [GROUP_SKU]);
    await orders.cancel('o-cancelled');
    const open = (orderId: string) => zt.promotions.openGroup({ activityId: gb.id, memberId: 'me', orderId });
    const cases: [string, Record<string, unknown>][] = [
      ['o-theirs', { code: 'PROMOTION.ORDER_NOT_FOUND', kind: 'not_found' }],
      ['o-nowhere', { code: 'PROMOTION.ORDER_NOT_FOUND', kind: 'not_found' }],
      ['o-mixed', { code: 'PROMOTION.ORDER_NOT_ELIGIBLE', kind: 'conflict', details: { reason: 'NOT_FOR_ACTIVITY', skuIds: ['sku-other'] } }],
      ['o-paid', { code: 'PROMOTION.ORDER_NOT_ELIGIBLE', details: { reason: 'NOT_AWAITING_PAYMENT' } }],
      ['o-cancelled', { code: 'PROMOTION.ORDER_NOT_ELIGIBLE', details: { reason: 'NOT_AWAITING_PAYMENT' } }],
    ];
    const published = events.length;
    for (const [orderId, error] of cases) await expect(open(orderId), orderId).rejects.toMatchObject(error);
    expect(await zt.promotions.listGroups({ activityId: gb.id })).toEqual([]);
    expect(events).toHaveLength(published);

    const g = await open('o-mine');
    await expect(zt.promotions.confirmGroupPayment({ groupId: g.id, orderId: 'o-mine' })).rejects.toMatchObject({
      code: 'PROMOTION.ORDER_NOT_ELIGIBLE',
      details: { reason: 'NOT_PAID' },
    });
    await expect(zt.promotions.confirmGroupPayment({ groupId: g.id, orderId: 'o-paid' })).rejects.toMatchObject({ code: 'PROMOTION.ORDER_NOT_IN_GROUP' });
    expect(await zt.promotions.getGroup({ groupId: g.id })).toMatchObject({ paid: 0, status: 'pending' });
    await orders.pay('o-mine');
    expect(await zt.promotions.confirmGroupPayment({ groupId: g.id, orderId: 'o-mine' })).toMatchObject({ paid: 1, status: 'open', replayed: false });

    // Joining: the same rules, for the group's activity.
    await orders.unpaid('o-join', 'you', [GROUP_SKU]);
    await expect(zt.promotions.joinGroup({ groupId: g.id, memberId: 'you', orderId: 'o-theirs' })).rejects.toMatchObject({ code: 'PROMOTION.ORDER_NOT_FOUND' });
    await expect(zt.promotions.joinGroup({ groupId: g.id, memberId: 'zed', orderId: 'o-join' })).rejects.toMatchObject({ code: 'PROMOTION.ORDER_NOT_FOUND' });
    expect((await zt.promotions.joinGroup({ groupId: g.id, memberId: 'you', orderId: 'o-join' })).members).toHaveLength(2);
    await orders.pay('o-join');
    // Asking to join again with the same order after paying it is the same join, not a refusal.
    expect((await zt.promotions.joinGroup({ groupId: g.id, memberId: 'you', orderId: 'o-join' })).members).toHaveLength(2);
  });

  it('a group buy scoped by category takes orders whose every product is in it, by what the catalog says of the product', async () => {
    const tea = await zt.catalog.createCategory({ name: 'Tea' });
    const cups = await zt.catalog.createCategory({ name: 'Cups' });
    const longjing = await zt.catalog.createSpu({ code: 'LJ', title: 'Longjing', categoryId: tea.id, salePrice: '128.00' });
    const mug = await zt.catalog.createSpu({ code: 'MUG', title: 'Mug', categoryId: cups.id, salePrice: '30.00' });
    const spuOf = new Map([
      [longjing.skus[0]!.id, longjing.id],
      [mug.skus[0]!.id, mug.id],
    ]);
    const gb = await publish(aGroupBuy({ rule: { kind: 'group_buy', percentOff: '20' }, scope: { kind: 'categories', ids: [tea.id] } }, { ladder: [] }));
    await orders.unpaid('o-tea', 'me', [longjing.skus[0]!.id], (sku) => spuOf.get(sku)!);
    await orders.unpaid('o-mug', 'me', [mug.skus[0]!.id], (sku) => spuOf.get(sku)!);
    await expect(zt.promotions.openGroup({ activityId: gb.id, memberId: 'me', orderId: 'o-mug' })).rejects.toMatchObject({
      code: 'PROMOTION.ORDER_NOT_ELIGIBLE',
      details: { reason: 'NOT_FOR_ACTIVITY', skuIds: [mug.skus[0]!.id] },
    });
    expect(await zt.promotions.openGroup({ activityId: gb.id, memberId: 'me', orderId: 'o-tea' })).toMatchObject({
      status: 'pending',
      members: [{ orderId: 'o-tea' }],
    });
  });

  it('bargains: one per member and activity, helped once per helper, reproducible from the stored seed', async () => {
    const b = await publish(aBargain());
    const mine = await zt.promotions.startBargain({ activityId: b.id, memberId: 'me' });
    expect((await zt.promotions.startBargain({ activityId: b.id, memberId: 'me' })).id).toBe(mine.id);
    const cuts: string[] = [];
    for (const h of ['h1', 'h2', 'h3', 'h4', 'h5']) cuts.push((await zt.promotions.helpBargain({ bargainId: mine.id, helperId: h })).help.cut.toString());
    const done = await zt.promotions.getBargain({ bargainId: mine.id });
    expect(done.currentPrice.toString()).toBe('10.00');
    const { bargainCuts } = await import('../../domain/promotion/bargain.js');
    expect(bargainCuts(9000n, 5, done.seed).map((c) => (Number(c) / 100).toFixed(2))).toEqual(cuts);
    await expect(zt.promotions.helpBargain({ bargainId: mine.id, helperId: 'h6' })).rejects.toMatchObject({ code: 'PROMOTION.BARGAIN_COMPLETE' });
  });
});
