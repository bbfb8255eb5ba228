import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../adapters/demo/index.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { storedOrders } from '../support/stored-orders.js';

const T0 = new Date('2026-12-01T00:00:00.000Z');
const iso = (minutes: number) => new Date(T0.getTime() + minutes * 60_000).toISOString();
const DAY = 24 * 60;

const fullReduction = (over: Record<string, unknown> = {}) => ({
  name: '满300减40',
  rule: { kind: 'full_reduction', rule: { mode: 'tiered', tiers: [{ threshold: '300.00', off: '40.00' }] } },
  startsAt: iso(-60),
  endsAt: iso(7 * DAY),
  ...over,
});
const groupBuy = (over: Record<string, unknown> = {}) => ({
  name: '三人团',
  rule: { kind: 'group_buy', prices: [{ skuId: 'sku-tea', price: '89.00' }] },
  scope: { kind: 'skus', ids: ['sku-tea'] },
  startsAt: iso(-60),
  endsAt: iso(7 * DAY),
  groupBuy: { type: 'normal', size: 3, hours: 24, ladder: [{ size: 5, prices: [{ skuId: 'sku-tea', price: '79.00' }] }] },
  ...over,
});
const bargain = (over: Record<string, unknown> = {}) => ({
  name: '砍价',
  rule: { kind: 'bargain', skuId: 'sku-cup', originalPrice: '100.00', floorPrice: '10.00', maxHelpers: 3, hours: 24 },
  startsAt: iso(-60),
  endsAt: iso(7 * DAY),
  ...over,
});
/** 定金预售: final price 599.00, deposit 100.00 worth 150.00; deposit window the first day, balance the second. */
const presale = (rule: Record<string, unknown> = {}, over: Record<string, unknown> = {}) => ({
  name: '预售',
  rule: {
    kind: 'deposit_presale',
    items: [{ skuId: 'sku-milk', price: '599.00', deposit: '100.00' }],
    leverage: '1.5',
    depositWindow: { startsAt: iso(-60), endsAt: iso(DAY) },
    balanceWindow: { startsAt: iso(DAY), endsAt: iso(2 * DAY) },
    ...rule,
  },
  scope: { kind: 'skus', ids: ['sku-milk'] },
  startsAt: iso(-60),
  endsAt: iso(2 * DAY),
  ...over,
});
const line = (lineId: string, unitPrice: string, quantity = 1) => ({
  lineId,
  skuId: `sku-${lineId}`,
  productId: `p-${lineId}`,
  shopId: 'self',
  quantity,
  unitPrice,
});
const member = { memberId: 'member-1', isNew: false, channel: 'app' };

describe('promotions over HTTP (PRM-2 lifecycle, group buy, bargain, price preview)', () => {
  let s: TestServer;
  let now = T0;
  let marketer: string;
  /** A second marketer: four eyes (decision 0021) — approves what `marketer` submits. */
  let reviewer: string;
  let cashier: string;
  let orders: ReturnType<typeof storedOrders>;
  const memberToken = (id: string) => s.token({ subject: id, kind: 'member', roles: [] });
  beforeAll(async () => {
    s = await startTestServer(undefined, { clock: { now: () => now } });
    orders = storedOrders(s.zt);
    marketer = s.token({ subject: 'mia', kind: 'staff', roles: ['marketing'] });
    reviewer = s.token({ subject: 'rex', kind: 'staff', roles: ['marketing'] });
    cashier = s.token({ subject: 'pay-service', kind: 'staff', roles: ['payments'] });
  });
  afterAll(() => s.close());

  const call = (method: string, path: string, body?: unknown, token = marketer) => s.request(method, path, { ...(body !== undefined ? { body } : {}), token });
  /** Everything promotions store, to show nothing was written. */
  const stored = async () => JSON.stringify(await s.zt.promotions.listActivities());
  const expectProblem = (res: Awaited<ReturnType<typeof call>>, status: number, code: string) => {
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  };
  const created = async (body: unknown) => {
    const res = await call('POST', '/admin/promotion/activities', body);
    expect(res.status).toBe(201);
    return res.body;
  };
  const published = async (body: unknown) => {
    const a = await created(body);
    await call('POST', `/admin/promotion/activities/${a.id}/submit`);
    return (await call('POST', `/admin/promotion/activities/${a.id}/approve`, undefined, reviewer)).body;
  };

  it('PRM-2: create → submit → approve; a new version is reviewed while the live one keeps serving; void ends it', async () => {
    const a = await created(fullReduction({ channels: ['app'], perMemberLimit: 1, budget: '10000.00' }));
    expect(a).toMatchObject({
      code: expect.stringMatching(/^ACT-[0-9A-Z]{26}$/),
      kind: 'full_reduction',
      reviewStatus: 'draft',
      status: 'not_started',
      liveVersion: null,
      version: 1,
      budgetSpent: '0.00',
    });
    expect(a.versions[0]).toMatchObject({
      number: 1,
      status: 'draft',
      definition: { name: '满300减40', channels: ['app'], perMemberLimit: 1, budget: '10000.00', startsAt: iso(-60) },
    });
    const submitted = await call('POST', `/admin/promotion/activities/${a.id}/submit`);
    expect(submitted.body).toMatchObject({ reviewStatus: 'pending_review', versions: [{ submittedBy: 'mia' }] });
    const approved = await call('POST', `/admin/promotion/activities/${a.id}/approve`, undefined, reviewer);
    expect(approved.body).toMatchObject({ reviewStatus: 'published', status: 'active', liveVersion: 1 });

    const preview = () => call('POST', '/admin/promotion/price-preview', { lines: [line('a', '200.00'), line('b', '150.00')], member });
    expect((await preview()).body.totals).toMatchObject({ subtotal: '350.00', activityDiscount: '40.00', payable: '310.00' });

    const v2 = await call('POST', `/admin/promotion/activities/${a.id}/versions`, {
      name: '满300减60',
      rule: { kind: 'full_reduction', rule: { mode: 'tiered', tiers: [{ threshold: '300.00', off: '60.00' }] } },
    });
    expect(v2.body).toMatchObject({ reviewStatus: 'draft', hasOpenVersion: true, liveVersion: 1, status: 'active' });
    expect((await preview()).body.totals.activityDiscount).toBe('40.00'); // version 1 still serves
    await call('POST', `/admin/promotion/activities/${a.id}/submit`);
    expect((await preview()).body.totals.activityDiscount).toBe('40.00');
    const replaced = await call('POST', `/admin/promotion/activities/${a.id}/approve`, undefined, reviewer);
    expect(replaced.body).toMatchObject({
      liveVersion: 2,
      hasOpenVersion: false,
      versions: [{ status: 'superseded' }, { status: 'published', definition: { name: '满300减60' } }],
    });
    expect((await preview()).body.totals.activityDiscount).toBe('60.00');

    await call('POST', `/admin/promotion/activities/${a.id}/versions`, { priority: 3 });
    await call('POST', `/admin/promotion/activities/${a.id}/submit`);
    const rejected = await call('POST', `/admin/promotion/activities/${a.id}/reject`, { reason: 'not now' });
    expect(rejected.body).toMatchObject({
      reviewStatus: 'rejected',
      liveVersion: 2,
      versions: [{}, {}, { status: 'rejected', rejectionReason: 'not now', reviewedBy: 'mia' }],
    });

    expect((await call('GET', '/admin/promotion/activities?status=active')).body.map((x: any) => x.id)).toContain(a.id);
    expect((await call('GET', '/admin/promotion/activities?reviewStatus=rejected')).body.map((x: any) => x.id)).toEqual([a.id]);
    const voided = await call('POST', `/admin/promotion/activities/${a.id}/void`, { reason: 'budget cut' });
    expect(voided.body).toMatchObject({ status: 'voided', voidReason: 'budget cut' });
    expect((await preview()).body.totals.activityDiscount).toBe('0.00');
    expect((await call('GET', `/admin/promotion/activities/${a.id}`)).body.status).toBe('voided');
  });

  it.each([
    ['PRM-2: a window that ends before it starts', 422, 'PROMOTION.INVALID_WINDOW', fullReduction({ startsAt: iso(60), endsAt: iso(0) })],
    ['an empty name', 422, 'PROMOTION.INVALID_NAME', fullReduction({ name: ' ' })],
    [
      'overlapping tiers (the pricing engine’s own validation)',
      422,
      'PRICING.INVALID_RULE',
      fullReduction({
        rule: {
          kind: 'full_reduction',
          rule: {
            mode: 'tiered',
            tiers: [
              { threshold: '300.00', off: '40.00' },
              { threshold: '300.00', off: '50.00' },
            ],
          },
        },
      }),
    ],
    ['a zero budget', 422, 'PROMOTION.INVALID_BUDGET', fullReduction({ budget: '0.00' })],
    ['a per-member limit of 0', 422, 'PROMOTION.INVALID_SETTINGS', fullReduction({ perMemberLimit: 0 })],
    ['a group buy without its terms', 422, 'PROMOTION.INVALID_GROUP_BUY', groupBuy({ groupBuy: null })],
    [
      'a group ladder whose bigger group pays more',
      422,
      'PROMOTION.INVALID_GROUP_BUY',
      groupBuy({ groupBuy: { type: 'normal', size: 3, hours: 24, ladder: [{ size: 5, prices: [{ skuId: 'sku-tea', price: '99.00' }] }] } }),
    ],
    [
      'a discount above 100 %',
      422,
      'PRICING.INVALID_RULE',
      fullReduction({ rule: { kind: 'full_discount', tiers: [{ threshold: '100.00', percentOff: '120' }] } }),
    ],
    [
      'a threshold below its discount',
      422,
      'PRICING.INVALID_RULE',
      fullReduction({ rule: { kind: 'full_reduction', rule: { mode: 'tiered', tiers: [{ threshold: '30.00', off: '40.00' }] } } }),
    ],
    [
      'overlapping discount tiers',
      422,
      'PRICING.INVALID_RULE',
      fullReduction({
        rule: {
          kind: 'full_discount',
          tiers: [
            { threshold: '100.00', percentOff: '10' },
            { threshold: '100.00', percentOff: '20' },
          ],
        },
      }),
    ],
    ['a presale leverage below 1', 422, 'PROMOTION.INVALID_PRESALE', presale({ leverage: '0.5' })],
    [
      'a presale deposit not below its final price',
      422,
      'PROMOTION.INVALID_PRESALE',
      presale({ items: [{ skuId: 'sku-milk', price: '100.00', deposit: '120.00' }] }),
    ],
    [
      'a presale balance window opening before the deposit window ends',
      422,
      'PROMOTION.INVALID_PRESALE',
      presale({ balanceWindow: { startsAt: iso(0), endsAt: iso(2 * DAY) } }),
    ],
    ['an unknown limit period', 400, 'VALIDATION.FAILED', fullReduction({ perMemberLimit: 2, limitPeriod: 'year' })],
    [
      'a bargain floor above its price',
      422,
      'PROMOTION.INVALID_BARGAIN',
      bargain({ rule: { kind: 'bargain', skuId: 'x', originalPrice: '10.00', floorPrice: '20.00', maxHelpers: 3, hours: 1 } }),
    ],
    ['an unknown kind', 400, 'VALIDATION.FAILED', fullReduction({ rule: { kind: 'lottery' } })],
    ['a date without an offset', 400, 'VALIDATION.FAILED', fullReduction({ startsAt: '2026-12-01T00:00:00' })],
    ['an unknown field', 400, 'VALIDATION.FAILED', fullReduction({ code: 'MINE' })],
  ])('creating an activity with %s is a %i %s problem and writes nothing', async (_what, status, code, body) => {
    const before = await stored();
    expectProblem(await call('POST', '/admin/promotion/activities', body), status, code);
    expect(await stored()).toBe(before);
  });

  it('PRM-2 bad steps: approving or rejecting what was never submitted, approving twice, revising under review, changing the kind, voiding twice — each its 4xx and nothing written', async () => {
    const draft = await created(fullReduction());
    const cases: [string, string, unknown, number, string][] = [
      ['approve', `/admin/promotion/activities/${draft.id}/approve`, undefined, 409, 'PROMOTION.INVALID_TRANSITION'],
      ['reject', `/admin/promotion/activities/${draft.id}/reject`, { reason: 'x' }, 409, 'PROMOTION.INVALID_TRANSITION'],
      ['unknown', '/admin/promotion/activities/nope/submit', undefined, 404, 'PROMOTION.ACTIVITY_NOT_FOUND'],
      [
        'kind',
        `/admin/promotion/activities/${draft.id}/versions`,
        { rule: { kind: 'full_discount', tiers: [{ threshold: '100.00', percentOff: '10' }] } },
        422,
        'PROMOTION.KIND_CHANGED',
      ],
      ['window', `/admin/promotion/activities/${draft.id}/versions`, { endsAt: iso(-120) }, 422, 'PROMOTION.INVALID_WINDOW'],
    ];
    for (const [, path, body, status, code] of cases) {
      const before = await stored();
      expectProblem(await call('POST', path, body), status, code);
      expect(await stored()).toBe(before);
    }
    const res = await call('POST', `/admin/promotion/activities/${draft.id}/approve`);
    expect(res.body).toMatchObject({ details: { from: 'draft', to: 'published' } });

    const live = await published(fullReduction());
    await call('POST', `/admin/promotion/activities/${live.id}/versions`, { priority: 1 });
    await call('POST', `/admin/promotion/activities/${live.id}/submit`);
    const more: [string, unknown, number, string][] = [
      [`/admin/promotion/activities/${live.id}/submit`, undefined, 409, 'PROMOTION.INVALID_TRANSITION'],
      [`/admin/promotion/activities/${live.id}/versions`, { priority: 2 }, 409, 'PROMOTION.INVALID_TRANSITION'],
      [`/admin/promotion/activities/${live.id}/reject`, { reason: '' }, 422, 'PROMOTION.INVALID_SETTINGS'],
    ];
    for (const [path, body, status, code] of more) {
      const before = await stored();
      expectProblem(await call('POST', path, body), status, code);
      expect(await stored()).toBe(before);
    }
    await call('POST', `/admin/promotion/activities/${live.id}/approve`, undefined, reviewer);
    const twice = await stored();
    expectProblem(await call('POST', `/admin/promotion/activities/${live.id}/approve`, undefined, reviewer), 409, 'PROMOTION.INVALID_TRANSITION');
    expect((await call('POST', `/admin/promotion/activities/${live.id}/void`)).status).toBe(200); // the body is optional
    const voided = await stored();
    expectProblem(await call('POST', `/admin/promotion/activities/${live.id}/void`, {}), 409, 'PROMOTION.INVALID_TRANSITION');
    expectProblem(await call('POST', `/admin/promotion/activities/${live.id}/versions`, { priority: 5 }), 409, 'PROMOTION.ACTIVITY_VOIDED');
    expect(await stored()).toBe(voided);
    expect(twice).not.toBe(voided);
  });

  it('four eyes (PRM-2, decision 0021): one marketer creating, submitting and approving their own 0.01 price is 403 PROMOTION.SELF_APPROVAL and writes nothing; a second one approves, and the record shows both', async () => {
    const penny = {
      name: '一分钱',
      rule: { kind: 'single_item', prices: [{ skuId: 'sku-phone', price: '0.01' }] },
      scope: { kind: 'skus', ids: ['sku-phone'] },
      startsAt: iso(-60),
      endsAt: iso(DAY),
    };
    const a = await created(penny);
    await call('POST', `/admin/promotion/activities/${a.id}/submit`);
    const before = await stored();
    const self = await call('POST', `/admin/promotion/activities/${a.id}/approve`);
    expectProblem(self, 403, 'PROMOTION.SELF_APPROVAL');
    expect(self.body.details).toMatchObject({ version: 1, by: 'mia', reason: 'SUBMITTER' });
    expect(await stored()).toBe(before);
    const phone = [{ lineId: 'p', skuId: 'sku-phone', productId: 'p-phone', shopId: 'self', quantity: 1, unitPrice: '1299.00' }];
    const price = async () => (await call('POST', '/admin/promotion/price-preview', { lines: phone, member })).body.totals.payable;
    expect(await price()).toBe('1299.00'); // nothing went live

    const approved = await call('POST', `/admin/promotion/activities/${a.id}/approve`, undefined, reviewer);
    expect(approved.status).toBe(200);
    const shown = (await call('GET', `/admin/promotion/activities/${a.id}`)).body.versions[0];
    expect(shown).toMatchObject({ authors: ['mia'], submittedBy: 'mia', approvedBy: 'rex', reviewedBy: 'rex' });
    expect(Date.parse(shown.submittedAt)).toBe(T0.getTime());
    expect(Date.parse(shown.approvedAt)).toBe(T0.getTime());
    expect(await price()).toBe('0.01');

    // A revision of the live activity: its author may not approve it, even when someone else submitted it.
    await call('POST', `/admin/promotion/activities/${a.id}/versions`, { name: '一分钱 v2' }, reviewer);
    await call('POST', `/admin/promotion/activities/${a.id}/submit`);
    const beforeRevision = await stored();
    for (const token of [reviewer, marketer])
      expectProblem(await call('POST', `/admin/promotion/activities/${a.id}/approve`, undefined, token), 403, 'PROMOTION.SELF_APPROVAL');
    expect(await stored()).toBe(beforeRevision);
    // The submitter may withdraw it (reject); the live version keeps serving.
    expect((await call('POST', `/admin/promotion/activities/${a.id}/reject`, { reason: 'withdrawn' })).body).toMatchObject({
      reviewStatus: 'rejected',
      liveVersion: 1,
    });
    await call('POST', `/admin/promotion/activities/${a.id}/void`);
  });

  it('only marketing staff (or admin) manage activities; members and other staff are refused and nothing is written', async () => {
    const before = await stored();
    const catalogStaff = s.staffToken;
    for (const token of [s.memberToken, catalogStaff, cashier]) {
      expectProblem(await call('POST', '/admin/promotion/activities', fullReduction(), token), 403, 'AUTH.FORBIDDEN');
      expectProblem(await call('GET', '/admin/promotion/activities', undefined, token), 403, 'AUTH.FORBIDDEN');
    }
    expectProblem(await s.request('POST', '/admin/promotion/activities', { body: fullReduction() }), 401, 'AUTH.MISSING_TOKEN');
    expectProblem(await s.request('POST', '/me/promotion/bargains', { body: { activityId: 'x' } }), 401, 'AUTH.MISSING_TOKEN');
    const admin = s.token({ subject: 'boss', kind: 'staff', roles: ['admin'] });
    expect((await call('GET', '/admin/promotion/activities', undefined, admin)).status).toBe(200);
    expect(await stored()).toBe(before);
  });

  it('group buy: open, pay, join, succeed at the size; a payment arriving when the group is full is refused (over-fill at payment)', async () => {
    const gb = await published(groupBuy());
    for (const who of ['L', 'a', 'b', 'c']) await orders.unpaid(`o-${who}`, who === 'L' ? 'leader' : who, ['sku-tea']);
    const leader = memberToken('leader');
    expectProblem(await call('POST', '/me/promotion/groups', { activityId: gb.id, orderId: 'o-L', size: 4 }, leader), 422, 'PROMOTION.INVALID_GROUP_SIZE');
    const opened = await call('POST', '/me/promotion/groups', { activityId: gb.id, orderId: 'o-L' }, leader);
    expect(opened.status).toBe(201);
    const groupId = opened.body.id;
    expect(opened.body).toMatchObject({
      size: 3,
      paid: 0,
      status: 'pending',
      mine: { orderId: 'o-L', leader: true, status: 'pending' },
      tier: { prices: [{ price: '89.00' }] },
    });

    const join = (who: string, orderId: string) => call('POST', `/me/promotion/groups/${groupId}/members`, { orderId }, memberToken(who));
    const pay = (orderId: string) => call('POST', `/admin/promotion/groups/${groupId}/payments`, { orderId }, cashier);
    expectProblem(await join('a', 'o-a'), 409, 'PROMOTION.GROUP_NOT_OPEN');
    await orders.pay('o-L');
    expect((await pay('o-L')).body).toMatchObject({ paid: 1, status: 'open', replayed: false });
    for (const who of ['a', 'b', 'c']) expect((await join(who, `o-${who}`)).body.mine).toMatchObject({ status: 'pending' });
    expect((await join('a', 'o-a')).status).toBe(200); // the same order again: no-op
    expectProblem(await join('a', 'o-a2'), 409, 'PROMOTION.ALREADY_JOINED');
    const seen = await call('GET', `/me/promotion/groups/${groupId}`, undefined, memberToken('b'));
    expect(seen.body).toMatchObject({ members: 4, paid: 1, mine: { orderId: 'o-b' } });
    expect(JSON.stringify(seen.body)).not.toContain('o-a'); // other members' orders stay private

    for (const who of ['a', 'b', 'c']) await orders.pay(`o-${who}`);
    expect((await pay('o-a')).body).toMatchObject({ paid: 2, status: 'open' });
    expect((await pay('o-b')).body).toMatchObject({ paid: 3, status: 'succeeded' });
    expect((await pay('o-b')).body).toMatchObject({ paid: 3, replayed: true });
    const before = JSON.stringify(await s.zt.promotions.getGroup({ groupId }));
    expectProblem(await pay('o-c'), 409, 'PROMOTION.GROUP_FULL');
    expect(JSON.stringify(await s.zt.promotions.getGroup({ groupId }))).toBe(before);
    expectProblem(await pay('o-nope'), 404, 'PROMOTION.ORDER_NOT_IN_GROUP');
    expectProblem(await join('d', 'o-d'), 409, 'PROMOTION.GROUP_FULL');
    await orders.unpaid('o-z', 'z', ['sku-tea']);
    const other = (await call('POST', '/me/promotion/groups', { activityId: gb.id, orderId: 'o-z' }, memberToken('z'))).body.id;
    expectProblem(await call('POST', '/me/promotion/groups', { activityId: gb.id, orderId: 'o-z' }, memberToken('z')), 409, 'PROMOTION.ORDER_IN_ANOTHER_GROUP');
    expect((await call('GET', `/admin/promotion/activities/${gb.id}/groups`)).body.map((g: any) => [g.id, g.status])).toEqual([
      [other, 'pending'],
      [groupId, 'succeeded'],
    ]);
  });

  it('group buy (decision 0021): only your own order, awaiting payment, of the activity’s goods opens or joins; staff confirm only a paid order of the group — each refusal its 4xx, nothing written', async () => {
    const gb = await published(groupBuy({ name: '四人团' }));
    await orders.unpaid('o-his', 'him', ['sku-tea']);
    await orders.unpaid('o-mixed', 'her', ['sku-tea', 'sku-cup']);
    await orders.unpaid('o-done', 'her', ['sku-tea']);
    await orders.pay('o-done');
    await orders.unpaid('o-hers', 'her', ['sku-tea']);
    const her = memberToken('her');
    const groups = async () => JSON.stringify((await call('GET', `/admin/promotion/activities/${gb.id}/groups`)).body);
    const open = (orderId: string) => call('POST', '/me/promotion/groups', { activityId: gb.id, orderId }, her);
    const before = await groups();
    expectProblem(await open('o-his'), 404, 'PROMOTION.ORDER_NOT_FOUND'); // another member's order: as if it did not exist
    expectProblem(await open('o-nowhere'), 404, 'PROMOTION.ORDER_NOT_FOUND');
    const mixed = await open('o-mixed');
    expectProblem(mixed, 409, 'PROMOTION.ORDER_NOT_ELIGIBLE');
    expect(mixed.body.details).toMatchObject({ reason: 'NOT_FOR_ACTIVITY', skuIds: ['sku-cup'] });
    const paid = await open('o-done');
    expectProblem(paid, 409, 'PROMOTION.ORDER_NOT_ELIGIBLE');
    expect(paid.body.details.reason).toBe('NOT_AWAITING_PAYMENT');
    expect(await groups()).toBe(before);

    const groupId = (await open('o-hers')).body.id;
    const confirm = (orderId: string) => call('POST', `/admin/promotion/groups/${groupId}/payments`, { orderId }, cashier);
    const unpaid = await confirm('o-hers');
    expectProblem(unpaid, 409, 'PROMOTION.ORDER_NOT_ELIGIBLE');
    expect(unpaid.body.details.reason).toBe('NOT_PAID');
    expectProblem(await confirm('o-done'), 404, 'PROMOTION.ORDER_NOT_IN_GROUP'); // paid, but not this group's
    expect((await call('GET', `/me/promotion/groups/${groupId}`, undefined, her)).body).toMatchObject({ paid: 0, status: 'pending' });
    await orders.pay('o-hers');
    expect((await confirm('o-hers')).body).toMatchObject({ paid: 1, status: 'open' });
    const joined = await groups();
    expectProblem(await call('POST', `/me/promotion/groups/${groupId}/members`, { orderId: 'o-his' }, memberToken('thief')), 404, 'PROMOTION.ORDER_NOT_FOUND');
    expect(await groups()).toBe(joined);
    expect((await call('POST', `/me/promotion/groups/${groupId}/members`, { orderId: 'o-his' }, memberToken('him'))).body.mine).toMatchObject({
      orderId: 'o-his',
    });
  });

  it('group buy: at the deadline the expiry sweep fails a group short of its size; its paid orders are to be refunded', async () => {
    const gb = await published(groupBuy({ name: '五人团' }));
    await orders.unpaid('o-5L', 'five', ['sku-tea']);
    const opened = await call('POST', '/me/promotion/groups', { activityId: gb.id, orderId: 'o-5L', size: 5 }, memberToken('five'));
    const groupId = opened.body.id;
    await orders.pay('o-5L');
    expect((await call('POST', `/admin/promotion/groups/${groupId}/payments`, { orderId: 'o-5L' }, cashier)).status).toBe(200);
    const failed: unknown[] = [];
    const off = s.zt.events.subscribe('promotion.group.failed', (e) => void failed.push(e.payload));
    now = new Date(T0.getTime() + 25 * 60 * 60_000);
    try {
      expectProblem(await call('POST', `/me/promotion/groups/${groupId}/members`, { orderId: 'o-late' }, memberToken('late')), 409, 'PROMOTION.GROUP_CLOSED');
      const sweep = await call('POST', '/admin/promotion/groups/expiry-sweep', {});
      expect(sweep.body.failed).toContain(groupId);
      expect((await call('GET', `/me/promotion/groups/${groupId}`, undefined, memberToken('five'))).body).toMatchObject({ status: 'failed' });
      expect(failed).toContainEqual(expect.objectContaining({ paidOrderIds: ['o-5L'], unpaidOrderIds: [] }));
      expect((await call('POST', '/admin/promotion/groups/expiry-sweep')).body.failed).toEqual([]);
    } finally {
      now = T0;
      off?.();
    }
  });

  it('bargain: helpers cut to exactly the floor, each once; then it is complete', async () => {
    const b = await published(bargain());
    const owner = memberToken('owner');
    const started = await call('POST', '/me/promotion/bargains', { activityId: b.id }, owner);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ originalPrice: '100.00', floorPrice: '10.00', currentPrice: '100.00', helpers: 0, mine: true, status: 'open' });
    expect(started.body.seed).toBeUndefined();
    expect((await call('POST', '/me/promotion/bargains', { activityId: b.id }, owner)).body.id).toBe(started.body.id);
    const help = (who: string) => call('POST', `/me/promotion/bargains/${started.body.id}/helps`, undefined, memberToken(who));
    const first = await help('h1');
    expect(first.body).toMatchObject({ helpers: 1, replayed: false, mine: false });
    expect((await help('h1')).body).toMatchObject({ helpers: 1, replayed: true, cut: first.body.cut });
    await help('h2');
    const last = await help('h3');
    expect(last.body).toMatchObject({ currentPrice: '10.00', helpers: 3, status: 'complete' });
    const seen = (who: string) => call('GET', `/me/promotion/bargains/${started.body.id}`, undefined, memberToken(who));
    expect((await seen('owner')).body).toMatchObject({ currentPrice: '10.00', helpers: 3, status: 'complete', mine: true, myCut: null });
    expect((await seen('h1')).body).toMatchObject({ mine: false, myCut: first.body.cut });
    expectProblem(await help('h4'), 409, 'PROMOTION.BARGAIN_COMPLETE');
    expectProblem(await call('GET', '/me/promotion/bargains/nope', undefined, owner), 404, 'PROMOTION.BARGAIN_NOT_FOUND');
    const gb = await published(groupBuy({ name: 'not a bargain' }));
    expectProblem(await call('POST', '/me/promotion/bargains', { activityId: gb.id }, owner), 409, 'PROMOTION.NOT_ACTIVE');
  });

  it('rarer refusals answer with the status and code their route declares (decision 0023), and write nothing', async () => {
    const admin = s.token({ subject: 'boss', kind: 'staff', roles: ['admin'] });
    const before = await stored();
    expectProblem(await call('POST', '/admin/promotion/activities', fullReduction({ budget: '100.001' })), 422, 'MONEY.TOO_MANY_DECIMALS');
    expectProblem(await call('GET', '/admin/promotion/activities/nope'), 404, 'PROMOTION.ACTIVITY_NOT_FOUND');
    expectProblem(await call('GET', '/admin/promotion/activities/nope/groups'), 404, 'PROMOTION.ACTIVITY_NOT_FOUND');
    expectProblem(await call('GET', '/me/promotion/groups/nope', undefined, memberToken('m')), 404, 'PROMOTION.GROUP_NOT_FOUND');
    expectProblem(await call('POST', '/admin/promotion/groups/nope/payments', { orderId: 'o-1' }, cashier), 404, 'PROMOTION.GROUP_NOT_FOUND');
    expectProblem(await call('POST', '/admin/promotion/price-preview', { lines: [line('a', '1.00')], member, freight: '1.001' }), 422, 'PRICING.INVALID_INPUT');
    expect(await stored()).toBe(before);

    const short = await created(fullReduction({ name: '两小时', endsAt: iso(120) }));
    await call('POST', `/admin/promotion/activities/${short.id}/submit`);
    const b = await published(bargain({ name: '砍价 短' }));
    const started = (await call('POST', '/me/promotion/bargains', { activityId: b.id }, memberToken('owner-2'))).body;
    const notGroup = await call('POST', '/me/promotion/groups', { activityId: b.id, orderId: 'o-x' }, memberToken('owner-2'));
    now = new Date(T0.getTime() + 25 * 60 * 60_000);
    try {
      const late = await stored();
      expectProblem(await call('POST', `/admin/promotion/activities/${short.id}/approve`, undefined, admin), 422, 'PROMOTION.WINDOW_ENDED');
      expectProblem(await call('POST', `/me/promotion/bargains/${started.id}/helps`, undefined, memberToken('late-helper')), 409, 'PROMOTION.BARGAIN_EXPIRED');
      expect(await stored()).toBe(late);
    } finally {
      now = T0;
    }
    expectProblem(notGroup, 409, 'PROMOTION.NOT_ACTIVE');
    expect((await call('GET', `/me/promotion/bargains/${started.id}`, undefined, memberToken('owner-2'))).body).toMatchObject({
      helpers: 0,
      currentPrice: '100.00',
    });
  });

  it('限购: a member sees what is left, the preview prices no more units than that, orders consume it (guarded, idempotent), and a release gives it back', async () => {
    const flash = await published({
      name: '秒杀 限购2件/天',
      rule: { kind: 'flash_sale', prices: [{ skuId: 'sku-limited', price: '60.00' }] },
      scope: { kind: 'skus', ids: ['sku-limited'] },
      startsAt: iso(-60),
      endsAt: iso(DAY),
      perMemberLimit: 2,
      limitPeriod: 'day',
    });
    expect(flash.versions[0].definition).toMatchObject({ perMemberLimit: 2, limitPeriod: 'day' });
    const buyer = memberToken('buyer');
    const allowance = () => call('GET', `/me/promotion/activities/${flash.id}/allowance`, undefined, buyer);
    expect((await allowance()).body).toMatchObject({
      activityId: flash.id,
      memberId: 'buyer',
      limit: 2,
      limitPeriod: 'day',
      period: '2026-12-01',
      used: 0,
      remaining: 2,
    });
    const limitedLine = { lineId: 'x', skuId: 'sku-limited', productId: 'p-x', shopId: 'self', quantity: 3, unitPrice: '100.00' };
    const preview = async () =>
      (await call('POST', '/admin/promotion/price-preview', { lines: [limitedLine], member: { ...member, memberId: 'buyer' } })).body.lines[0];
    expect(await preview()).toMatchObject({ itemPriceActivityId: flash.id, activityUnits: 2, activityPriceAmount: '220.00' });

    const consume = (reference: string, quantity: number, token = marketer) =>
      call('POST', `/admin/promotion/activities/${flash.id}/purchase-limits/consumptions`, { memberId: 'buyer', reference, quantity }, token);
    const orderService = s.token({ subject: 'order-service', kind: 'staff', roles: ['orders'] });
    expect((await consume('o-1', 1, orderService)).body).toMatchObject({ used: 1, remaining: 1, limit: 2, period: '2026-12-01', replayed: false });
    expect((await consume('o-1', 1)).body).toMatchObject({ used: 1, replayed: true });
    expect(await preview()).toMatchObject({ activityUnits: 1, activityPriceAmount: '260.00' });
    const before = JSON.stringify((await allowance()).body);
    const refused = await consume('o-2', 2);
    expectProblem(refused, 409, 'PROMOTION.PURCHASE_LIMIT_REACHED');
    expect(refused.body.details).toMatchObject({ limit: 2, used: 1, remaining: 1, requested: 2 });
    expectProblem(await consume('o-3', 0), 422, 'PROMOTION.INVALID_QUANTITY');
    expect(JSON.stringify((await allowance()).body)).toBe(before);
    expect((await consume('o-2', 1)).body).toMatchObject({ used: 2, remaining: 0 });
    expect(await preview()).toMatchObject({ itemPriceActivityId: null, activityUnits: 3, activityPriceAmount: '300.00' });
    expect((await call('GET', `/admin/promotion/activities/${flash.id}/purchase-limits/buyer`)).body).toMatchObject({ used: 2, remaining: 0 });

    const release = (reference: string) => call('POST', `/admin/promotion/activities/${flash.id}/purchase-limits/releases`, { reference });
    expect((await release('o-1')).body).toMatchObject({ used: 1, replayed: false });
    expect((await release('o-1')).body).toMatchObject({ used: 1, replayed: true });
    expect((await release('o-never')).body).toEqual({ released: false });
    expect((await allowance()).body).toMatchObject({ used: 1, remaining: 1 });

    // The next calendar day in Beijing (from 16:00 UTC) counts afresh.
    now = new Date(T0.getTime() + 17 * 60 * 60_000);
    try {
      expect((await allowance()).body).toMatchObject({ period: '2026-12-02', used: 0, remaining: 2 });
    } finally {
      now = T0;
    }
    await call('POST', `/admin/promotion/activities/${flash.id}/void`);
    expectProblem(await consume('o-4', 1), 409, 'PROMOTION.NOT_ACTIVE');
    expectProblem(await allowance(), 409, 'PROMOTION.NOT_ACTIVE');
    expectProblem(await consume('o-5', 1, buyer), 403, 'AUTH.FORBIDDEN');
  });

  it('定金预售: a deposit presale is created, reviewed and published with its windows', async () => {
    const p = await published(presale({}, { perMemberLimit: 1 }));
    expect(p).toMatchObject({ kind: 'deposit_presale', reviewStatus: 'published', status: 'active' });
    expect(p.versions[0].definition.rule).toMatchObject({ leverage: '1.5', depositWindow: { endsAt: iso(DAY) }, balanceWindow: { startsAt: iso(DAY) } });
  });

  it.each([
    ['no lines', 422, 'PRICING.NO_LINES', { lines: [], member }],
    ['a fractional-cent price', 422, 'PRICING.INVALID_LINE', { lines: [line('a', '1.001')], member }],
    ['an unknown channel', 400, 'VALIDATION.FAILED', { lines: [line('a', '1.00')], member: { ...member, channel: 'fax' } }],
  ])('a price preview with %s is a %i %s problem', async (_what, status, code, body) => {
    expectProblem(await call('POST', '/admin/promotion/price-preview', body), status, code);
  });

  it('the routes are in the OpenAPI document', async () => {
    const doc = (await s.request('GET', '/openapi.json')).body;
    for (const path of [
      '/admin/promotion/activities',
      '/admin/promotion/activities/{activityId}/approve',
      '/admin/promotion/price-preview',
      '/me/promotion/groups',
      '/me/promotion/bargains/{bargainId}/helps',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});

describe('promotion demo data', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await seedDemo(s.zt);
    await seedDemo(s.zt); // idempotent
  });
  afterAll(() => s.close());

  it('a published 满减, a flash sale on the carved-out milk powder pool, and a group buy, each once', async () => {
    const all = await s.zt.promotions.listActivities();
    expect(all.map((a) => [a.kind, a.reviewStatus, a.status]).sort()).toEqual([
      ['flash_sale', 'published', 'active'],
      ['full_reduction', 'published', 'active'],
      ['group_buy', 'published', 'active'],
    ]);
    const flash = all.find((a) => a.kind === 'flash_sale')!;
    expect(flash.versions[0]!.definition.stockPool).toBe('demo-flash-sale');
    for (const a of all) expect(a.versions[0]).toMatchObject({ authors: ['demo'], submittedBy: 'demo', approvedBy: 'demo-reviewer' }); // four eyes
  });
});
