import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCouponDemo } from '../../adapters/demo/coupon.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { day, ManualClock, T0 } from '../domain/coupon/coupon-mothers.js';

/** 满199减20 as staff send it. */
const body = (overrides: Record<string, unknown> = {}) => ({
  name: '满199减20',
  kind: 'threshold',
  amount: '20.00',
  threshold: '199.00',
  validity: { kind: 'relative', days: 30 },
  claimWindow: { startsAt: T0.toISOString(), endsAt: day(30).toISOString() },
  totalQuantity: 100,
  perMemberLimit: 2,
  ...overrides,
});

describe('coupons over HTTP', () => {
  let s: TestServer;
  let marketing: string;
  let member2: string;
  const clock = new ManualClock(day(1));
  beforeAll(async () => {
    s = await startTestServer(undefined, { clock });
    marketing = s.token({ subject: 'mkt-1', kind: 'staff', roles: ['marketing'] });
    member2 = s.token({ subject: 'member-2', kind: 'member', roles: [] });
  });
  afterAll(() => s.close());

  const create = (b: unknown, token = marketing) => s.request('POST', '/admin/coupons/templates', { body: b, token });
  const claim = (templateId: string, token = s.memberToken) => s.request('POST', '/me/coupons/claims', { body: { templateId }, token });
  const templateCount = async () => (await s.request('GET', '/admin/coupons/templates', { token: marketing })).body.length;
  const myCoupons = async (token = s.memberToken) => (await s.request('GET', '/me/coupons', { token })).body.length;
  const statsOf = async (id: string) => (await s.request('GET', `/admin/coupons/templates/${id}/statistics`, { token: marketing })).body;

  it('staff define 满199减20; a member sees it, claims it and lists it; statistics count it', async () => {
    const created = await create(body());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '满199减20',
      kind: 'threshold',
      amount: '20.00',
      threshold: '199.00',
      issued: 0,
      remaining: 100,
      status: 'active',
      version: 1,
    });
    const claimable = await s.request('GET', '/me/coupons/claimable', { token: s.memberToken });
    expect(claimable.body.map((c: any) => c.template.id)).toContain(created.body.id);
    const claimed = await claim(created.body.id);
    expect(claimed.status).toBe(201);
    expect(claimed.body).toMatchObject({
      templateId: created.body.id,
      memberId: 'member-1',
      state: 'available',
      source: 'claim',
      terms: { kind: 'threshold', amount: '20.00', threshold: '199.00' },
    });
    expect(claimed.body.validUntil).toBe(day(31).toISOString());
    const mine = await s.request('GET', '/me/coupons?state=available', { token: s.memberToken });
    expect(mine.body.map((c: any) => c.id)).toEqual([claimed.body.id]);
    expect((await s.request('GET', '/me/coupons?state=used', { token: s.memberToken })).body).toEqual([]);
    expect(await statsOf(created.body.id)).toMatchObject({ issued: 1, claimed: 1, used: 0, redemptionRate: '0.0000' });
    // CPN-1 through the member route: the one coupon that applies on 250.00 of goods.
    const rec = await s.request('POST', '/me/coupons/recommendation', {
      token: s.memberToken,
      body: { channel: 'app', lines: [{ lineId: 'l1', skuId: 'sku-1', productId: 'spu-1', shopId: 'shop-1', quantity: 1, unitPrice: '250.00' }] },
    });
    expect([rec.status, rec.body.recommendedCouponId]).toEqual([200, claimed.body.id]);
  });

  it('a hidden new-customer coupon is issued in bulk by staff, per member, and cannot be claimed', async () => {
    const hidden = (
      await create(
        body({
          name: '新人券',
          kind: 'cash',
          threshold: undefined,
          amount: '10.00',
          visibility: 'hidden',
          audience: 'new_customers',
          perMemberLimit: 1,
          totalQuantity: 2,
        }),
      )
    ).body;
    const report = await s.request('POST', `/admin/coupons/templates/${hidden.id}/issue`, {
      token: marketing,
      body: { memberIds: ['member-1', 'member-1', 'member-2', 'member-3'] },
    });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ templateId: hidden.id, issued: 2, refused: 2 });
    expect(report.body.results.map((r: any) => r.issued || r.code)).toEqual([true, 'COUPON.LIMIT_REACHED', true, 'COUPON.SOLD_OUT']);
    const refused = await claim(hidden.id, member2);
    expect([refused.status, refused.body.code]).toEqual([403, 'COUPON.NOT_CLAIMABLE']);
    expect(await statsOf(hidden.id)).toMatchObject({ issued: 2, claimed: 0 });
  });

  it('a stopped template is not claimed any more (409 COUPON.TEMPLATE_STOPPED); stopping twice is harmless', async () => {
    const t = (await create(body({ name: 'to stop' }))).body;
    expect((await s.request('POST', `/admin/coupons/templates/${t.id}/stop`, { token: marketing })).body.status).toBe('stopped');
    expect((await s.request('POST', `/admin/coupons/templates/${t.id}/stop`, { token: marketing })).status).toBe(200);
    const res = await claim(t.id);
    expect([res.status, res.body.code]).toEqual([409, 'COUPON.TEMPLATE_STOPPED']);
    expect((await s.request('GET', '/admin/coupons/templates?status=stopped', { token: marketing })).body.map((x: any) => x.id)).toContain(t.id);
  });

  it('the staff routes answer their declared refusals (decision 0023): issuing from a stopped template or one whose validity is over, an unknown template, a sweep of 0 — nothing written', async () => {
    const stopped = (await create(body({ name: 'stopped for issue' }))).body;
    await s.request('POST', `/admin/coupons/templates/${stopped.id}/stop`, { token: marketing });
    const over = (
      await create(
        body({
          name: 'over',
          validity: { kind: 'fixed', from: day(1).toISOString(), until: day(2).toISOString() },
          claimWindow: { startsAt: day(1).toISOString(), endsAt: day(2).toISOString() },
        }),
      )
    ).body;
    const issue = (id: string) => s.request('POST', `/admin/coupons/templates/${id}/issue`, { token: marketing, body: { memberIds: ['member-9'] } });
    const before = [await statsOf(stopped.id), await statsOf(over.id)];
    clock.set(day(3));
    try {
      const cases: [() => Promise<{ status: number; body: any }>, number, string][] = [
        [() => issue(stopped.id), 409, 'COUPON.TEMPLATE_STOPPED'],
        [() => issue(over.id), 422, 'COUPON.CLAIM_WINDOW_CLOSED'],
        [() => issue('nope'), 404, 'COUPON.TEMPLATE_NOT_FOUND'],
        [() => s.request('POST', '/admin/coupons/templates/nope/stop', { token: marketing }), 404, 'COUPON.TEMPLATE_NOT_FOUND'],
        [() => s.request('GET', '/admin/coupons/templates/nope/statistics', { token: marketing }), 404, 'COUPON.TEMPLATE_NOT_FOUND'],
        [() => s.request('POST', '/admin/coupons/expiry-sweep', { token: marketing, body: { limit: 0 } }), 422, 'COUPON.INVALID_COMMAND'],
      ];
      for (const [request, status, code] of cases) {
        const res = await request();
        expect([res.status, res.body.code]).toEqual([status, code]);
      }
    } finally {
      clock.set(day(1));
    }
    expect([await statsOf(stopped.id), await statsOf(over.id)]).toEqual(before);
  });

  it.each<[string, Record<string, unknown>, number, string, string | undefined]>([
    [
      'a discount above 100 %',
      { kind: 'discount', amount: undefined, threshold: undefined, percentOff: '120' },
      422,
      'COUPON.INVALID_TEMPLATE',
      'PERCENT_OUT_OF_RANGE',
    ],
    ['a threshold below the discount', { threshold: '15.00' }, 422, 'COUPON.INVALID_TEMPLATE', 'THRESHOLD_BELOW_DISCOUNT'],
    [
      'a claim window that ends before it starts',
      { claimWindow: { startsAt: day(9).toISOString(), endsAt: day(2).toISOString() } },
      422,
      'COUPON.INVALID_TEMPLATE',
      'EMPTY_WINDOW',
    ],
    [
      'a fixed validity that ends before it starts',
      { validity: { kind: 'fixed', from: day(9).toISOString(), until: day(2).toISOString() } },
      422,
      'COUPON.INVALID_TEMPLATE',
      'EMPTY_WINDOW',
    ],
    [
      'a random range upside down',
      { kind: 'random', amount: undefined, threshold: undefined, randomRange: { min: '9.00', max: '1.00' } },
      422,
      'COUPON.INVALID_TEMPLATE',
      'RANGE_INVERTED',
    ],
    ['a total quantity of 0', { totalQuantity: 0 }, 422, 'COUPON.INVALID_TEMPLATE', 'INVALID_QUANTITY'],
    [
      'a discount of 0 %',
      { kind: 'discount', amount: undefined, threshold: undefined, percentOff: '0' },
      422,
      'COUPON.INVALID_TEMPLATE',
      'PERCENT_OUT_OF_RANGE',
    ],
    [
      'a threshold below a random amount’s maximum',
      { kind: 'random', amount: undefined, threshold: '5.00', randomRange: { min: '1.00', max: '9.00' } },
      422,
      'COUPON.INVALID_TEMPLATE',
      undefined,
    ],
    [
      'a claim window opening after a fixed validity ends',
      {
        validity: { kind: 'fixed', from: day(1).toISOString(), until: day(3).toISOString() },
        claimWindow: { startsAt: day(4).toISOString(), endsAt: day(9).toISOString() },
      },
      422,
      'COUPON.INVALID_TEMPLATE',
      'CLAIM_AFTER_VALIDITY',
    ],
    ['a per-member limit of 0', { perMemberLimit: 0 }, 422, 'COUPON.INVALID_TEMPLATE', 'INVALID_LIMIT'],
    ['a cash coupon with a threshold', { kind: 'cash' }, 422, 'COUPON.INVALID_TEMPLATE', 'NOT_FOR_KIND'],
    ['an unknown kind', { kind: 'gift' }, 400, 'VALIDATION.FAILED', undefined],
    ['a date that is not a date', { claimWindow: { startsAt: 'soon', endsAt: day(2).toISOString() } }, 400, 'VALIDATION.FAILED', undefined],
    ['an unknown field', { colour: 'red' }, 400, 'VALIDATION.FAILED', undefined],
  ])('%s is a 4xx problem with its code and writes nothing', async (_what, overrides, status, code, reason) => {
    const before = await templateCount();
    const res = await create(body(overrides));
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    if (reason) expect(res.body.details.reason).toBe(reason);
    expect(await templateCount()).toBe(before);
  });

  it('claiming outside the window, beyond the limit, when sold out, or an unknown template: a 4xx problem with its code, nothing written', async () => {
    const later = (await create(body({ name: 'later', claimWindow: { startsAt: day(5).toISOString(), endsAt: day(8).toISOString() } }))).body;
    const limited = (await create(body({ name: 'limit 1', perMemberLimit: 1, totalQuantity: 10 }))).body;
    const tiny = (await create(body({ name: 'only one', totalQuantity: 1 }))).body;
    expect((await claim(limited.id)).status).toBe(201);
    expect((await claim(tiny.id, member2)).status).toBe(201);
    const cases: [() => Promise<{ status: number; body: any; headers: Headers }>, number, string, string?][] = [
      [() => claim(later.id), 422, 'COUPON.CLAIM_WINDOW_CLOSED', 'NOT_STARTED'],
      [() => claim(limited.id), 409, 'COUPON.LIMIT_REACHED'],
      [() => claim(tiny.id), 409, 'COUPON.SOLD_OUT'],
      [() => claim('no-such-template'), 404, 'COUPON.TEMPLATE_NOT_FOUND'],
    ];
    const before = [await myCoupons(), await statsOf(limited.id), await statsOf(tiny.id)];
    for (const [request, status, code, reason] of cases) {
      const res = await request();
      expect([res.status, res.body.code]).toEqual([status, code]);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      if (reason) expect(res.body.details.reason).toBe(reason);
    }
    clock.set(day(9));
    const ended = await claim(later.id);
    expect([ended.status, ended.body.code, ended.body.details.reason]).toEqual([422, 'COUPON.CLAIM_WINDOW_CLOSED', 'ENDED']);
    clock.set(day(1));
    expect([await myCoupons(), await statsOf(limited.id), await statsOf(tiny.id)]).toEqual(before);
  });

  it('bad requests to the other routes are 400, and roles are checked: members and staff without marketing may not define coupons', async () => {
    const t = (await create(body({ name: 'roles' }))).body;
    const empty = await s.request('POST', `/admin/coupons/templates/${t.id}/issue`, { token: marketing, body: { memberIds: [] } });
    expect([empty.status, empty.body.code]).toEqual([400, 'VALIDATION.FAILED']);
    expect((await s.request('GET', '/me/coupons?state=lost', { token: s.memberToken })).status).toBe(400);
    expect((await s.request('POST', '/me/coupons/claims', { token: s.memberToken, body: {} })).status).toBe(400);
    expect((await create(body(), s.staffToken)).body.code).toBe('AUTH.FORBIDDEN');
    expect((await create(body(), s.memberToken)).body.code).toBe('AUTH.FORBIDDEN');
    expect((await s.request('GET', '/me/coupons')).body.code).toBe('AUTH.MISSING_TOKEN');
    expect((await claim(t.id, marketing)).body.code).toBe('AUTH.FORBIDDEN');
    const admin = s.token({ subject: 'boss', kind: 'staff', roles: ['admin'] });
    expect((await s.request('GET', `/admin/coupons/templates/${t.id}`, { token: admin })).status).toBe(200);
    expect((await s.request('GET', '/admin/coupons/templates/nope', { token: admin })).body.code).toBe('COUPON.TEMPLATE_NOT_FOUND');
  });

  it('the expiry sweep expires what is past validity', async () => {
    const t = (await create(body({ name: 'short', validity: { kind: 'relative', days: 1 } }))).body;
    const c = (await claim(t.id, member2)).body;
    const res = await s.request('POST', '/admin/coupons/expiry-sweep', { token: marketing, body: { at: day(3).toISOString() } });
    expect(res.status).toBe(200);
    expect(res.body.expired).toBeGreaterThanOrEqual(1);
    expect((await s.request('GET', '/me/coupons?state=expired', { token: member2 })).body.map((x: any) => x.id)).toContain(c.id);
  });
});

describe('demo coupons', () => {
  it('seeding twice creates the three demo templates once; a member claims 满199减20 but not the hidden new-customer coupon', async () => {
    const s = await startTestServer();
    try {
      expect(await seedCouponDemo(s.zt)).toEqual({ created: 3 });
      expect(await seedCouponDemo(s.zt)).toEqual({ created: 0 });
      const templates = await s.zt.coupons.listTemplates();
      expect(templates.map((t) => t.name).sort()).toEqual(['新人专享 10元无门槛', '满199减20', '牧场旗舰店 满100享9折 最高减30'].sort());
      const claimable = (await s.request('GET', '/me/coupons/claimable', { token: s.memberToken })).body.map((c: any) => c.template.name);
      expect(claimable.sort()).toEqual(['满199减20', '牧场旗舰店 满100享9折 最高减30'].sort());
      const first = templates.find((t) => t.name === '满199减20')!;
      expect((await s.request('POST', '/me/coupons/claims', { token: s.memberToken, body: { templateId: first.id } })).status).toBe(201);
    } finally {
      await s.close();
    }
  });
});
