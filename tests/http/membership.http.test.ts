import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';

let s: TestServer;
let staff: string;
beforeAll(async () => {
  s = await startTestServer();
  staff = s.token({ subject: 'staff-m', kind: 'staff', roles: ['membership'] });
});
afterAll(() => s.close());

describe('membership over HTTP', () => {
  it('a member registers, signs in once a day, adds an address and reads the history; staff of other roles are refused', async () => {
    expect((await s.request('GET', '/me/membership', { token: s.memberToken })).body.code).toBe('MEMBERSHIP.MEMBER_NOT_FOUND');
    expect((await s.request('POST', '/me/membership', { token: s.memberToken, body: { gender: 'male' } })).status).toBe(201);
    const signIn = await s.request('POST', '/me/membership/sign-in', { token: s.memberToken });
    expect(signIn.body).toMatchObject({ points: 5, streak: 1, balance: 5, replayed: false });
    expect((await s.request('POST', '/me/membership/sign-in', { token: s.memberToken })).body.replayed).toBe(true);
    const a = await s.request('POST', '/me/membership/addresses', {
      token: s.memberToken,
      body: { recipient: '李四', phone: '13900000000', region: '北京市', detail: '长安街 1 号' },
    });
    expect(a.status).toBe(201);
    expect(a.body.addresses).toEqual([expect.objectContaining({ recipient: '李四', isDefault: true })]);
    const me = await s.request('GET', '/me/membership', { token: s.memberToken });
    expect(me.body).toMatchObject({ id: 'member-1', points: 5, growth: 5, level: 1 });
    const h = await s.request('GET', '/me/membership/history', { token: s.memberToken });
    expect(h.body.points.map((e: { source: string }) => e.source)).toEqual(['sign_in']);
    expect((await s.request('GET', '/admin/membership/rules', { token: s.staffToken })).status).toBe(403);
  });

  it('bad input gets a clear 4xx and writes nothing: negative or fractional points, overspending, a negative factor, thresholds out of order', async () => {
    const before = (await s.request('GET', '/admin/membership/members/member-1/history', { token: staff })).body;
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/me/membership/points/spend', { purpose: 'mall', reference: 'neg', points: -5 }, 422, 'MEMBERSHIP.INVALID_AMOUNT'],
      ['POST', '/me/membership/points/spend', { purpose: 'mall', reference: 'frac', points: 1.5 }, 422, 'MEMBERSHIP.INVALID_AMOUNT'],
      ['POST', '/me/membership/points/spend', { purpose: 'mall', reference: 'big', points: 6 }, 409, 'MEMBERSHIP.INSUFFICIENT_POINTS'],
      ['POST', '/admin/membership/members/member-1/points', { delta: -6, reason: 'too much' }, 409, 'MEMBERSHIP.INSUFFICIENT_POINTS'],
      ['POST', '/admin/membership/members/member-1/points', { delta: 0.5, reason: 'half' }, 422, 'MEMBERSHIP.INVALID_AMOUNT'],
      ['POST', '/admin/membership/members/member-1/growth', { delta: 10, reason: '' }, 422, 'MEMBERSHIP.REASON_REQUIRED'],
      [
        'PUT',
        '/admin/membership/rules',
        { table: 'growth', value: { dailyLogin: 5, orderFactor: '-1.5', review: 20, showOrder: 20, showOrderFirst: 10, qualifyingPrice: '20.00' } },
        422,
        'MEMBERSHIP.INVALID_RULE',
      ],
      ['PUT', '/admin/membership/rules', { table: 'levels', value: { thresholds: [0, 500, 300] } }, 422, 'MEMBERSHIP.THRESHOLDS_OUT_OF_ORDER'],
      ['PUT', '/admin/membership/rules', { table: 'growth', value: { dailyLogin: 'x' } }, 400, 'VALIDATION.FAILED'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const token = path.startsWith('/me') ? s.memberToken : staff;
      const r = await s.request(method, path, { token, body });
      expect([path, r.status, r.body.code]).toEqual([path, status, code]);
    }
    expect((await s.request('GET', '/admin/membership/members/member-1/history', { token: staff })).body).toEqual(before);
    const rules = (await s.request('GET', '/admin/membership/rules', { token: staff })).body;
    expect([rules.growth.orderFactor, rules.levels.thresholds]).toEqual(['1', [0, 200, 1_000, 3_000, 8_000, 20_000, 50_000]]);
  });

  it('staff: a threshold proposal, an audited level change, an RFM run with segment counts and a member’s RFM', async () => {
    await s.zt.membership.recordPaidOrder({ orderId: 'http-o1', memberId: 'member-1', paidAt: new Date(Date.now() - 86_400_000), amount: '99.00' });
    const proposal = await s.request('POST', '/admin/membership/levels/proposal', { token: staff, body: { shares: [60, 40] } });
    expect(proposal.body).toEqual({ thresholds: [0, 5], members: 1 });
    const level = await s.request('PUT', '/admin/membership/members/member-1/level', { token: staff, body: { level: 3, reason: 'key account' } });
    expect(level.body).toEqual({ fromLevel: 1, toLevel: 3 });
    const run = await s.request('POST', '/admin/membership/rfm/runs', { token: staff, body: {} });
    expect(run.status).toBe(201);
    expect(run.body.members).toBe(1);
    const seg = await s.request('GET', '/admin/membership/rfm/segments', { token: staff });
    expect(Object.values(seg.body.segments).reduce((a: number, b) => a + (b as number), 0)).toBe(1);
    const mine = await s.request('GET', '/admin/membership/members/member-1/rfm', { token: staff });
    expect(mine.body).toMatchObject({ memberId: 'member-1', recencyDays: 1, frequency: 1, monetary: '99.00', runId: run.body.id });
  });

  it('a member changes the profile, replaces and removes addresses (the next becomes the default) and spends points once per reference', async () => {
    const token = s.token({ subject: 'member-2', kind: 'member', roles: [] });
    expect((await s.request('POST', '/me/membership', { token, body: { phone: '13800000000' } })).body).toMatchObject({
      id: 'member-2',
      phone: '13800000000',
      gender: 'unknown',
      addresses: [],
      paidCard: null,
    });
    expect((await s.request('PATCH', '/me/membership', { token, body: { phone: null, gender: 'female' } })).body).toMatchObject({
      phone: null,
      gender: 'female',
    });
    const home = { recipient: '王五', phone: '13700000000', region: '上海市', detail: '南京路 1 号' };
    await s.request('POST', '/me/membership/addresses', { token, body: home });
    const added = await s.request('POST', '/me/membership/addresses', { token, body: { ...home, detail: '淮海路 2 号', isDefault: true } });
    const [first, second] = added.body.addresses;
    expect([first.isDefault, second.isDefault]).toEqual([false, true]);
    const replaced = await s.request('PUT', `/me/membership/addresses/${second.id}`, { token, body: { ...home, detail: '淮海路 3 号', isDefault: true } });
    expect(replaced.body.addresses.find((a: { id: string }) => a.id === second.id)).toMatchObject({ detail: '淮海路 3 号', isDefault: true });
    const removed = await s.request('DELETE', `/me/membership/addresses/${second.id}`, { token });
    expect(removed.body.addresses).toEqual([{ ...first, isDefault: true }]);
    const gone = await s.request('DELETE', `/me/membership/addresses/${second.id}`, { token });
    expect([gone.status, gone.body.code]).toEqual([404, 'MEMBERSHIP.ADDRESS_NOT_FOUND']);

    const staffPoints = await s.request('POST', '/admin/membership/members/member-2/points', { token: staff, body: { delta: 30, reason: 'welcome' } });
    expect(staffPoints.body).toMatchObject({ replayed: false, balance: 30, entry: { memberId: 'member-2', source: 'manual', delta: 30 } });
    const growth = await s.request('POST', '/admin/membership/members/member-2/growth', { token: staff, body: { delta: 250, reason: 'migration' } });
    expect(growth.body).toMatchObject({ replayed: false, balance: 250, entry: { source: 'manual', delta: 250, expiresAt: null } });
    const spend = { purpose: 'mall', reference: 'mall-order-1', points: 10 };
    expect((await s.request('POST', '/me/membership/points/spend', { token, body: spend })).body).toMatchObject({
      replayed: false,
      balance: 20,
      entry: { source: 'mall', delta: -10 },
    });
    expect((await s.request('POST', '/me/membership/points/spend', { token, body: spend })).body).toMatchObject({ replayed: true, balance: 20 });
    const reused = await s.request('POST', '/me/membership/points/spend', { token, body: { ...spend, points: 11 } });
    expect([reused.status, reused.body.code]).toEqual([409, 'MEMBERSHIP.REFERENCE_REUSED']);
    const view = await s.request('GET', '/admin/membership/members/member-2', { token: staff });
    expect(view.body).toMatchObject({ id: 'member-2', points: 20, growth: 250, level: 2, paidCardActive: false, shops: [] });
    const history = (await s.request('GET', '/admin/membership/members/member-2/history', { token: staff })).body;
    expect(history.audits.map((a: { action: string; operator: string }) => [a.action, a.operator])).toEqual(
      expect.arrayContaining([
        ['points', 'staff-m'],
        ['growth', 'staff-m'],
      ]),
    );
  });

  it('staff set a rule table and read it back; a missing member or RFM run is 404 with its code', async () => {
    const rules = (await s.request('GET', '/admin/membership/rules', { token: staff })).body;
    const set = await s.request('PUT', '/admin/membership/rules', { token: staff, body: { table: 'points', value: { ...rules.points, share: 3 } } });
    expect(set.body).toEqual({ ...rules.points, share: 3 });
    expect((await s.request('GET', '/admin/membership/rules', { token: staff })).body.points.share).toBe(3);
    const missing = await s.request('GET', '/admin/membership/members/nobody', { token: staff });
    expect([missing.status, missing.body.code]).toEqual([404, 'MEMBERSHIP.MEMBER_NOT_FOUND']);
    const noRun = await s.request('GET', '/admin/membership/rfm/segments?runId=nope', { token: staff });
    expect([noRun.status, noRun.body.code]).toEqual([404, 'MEMBERSHIP.RFM_RUN_NOT_FOUND']);
  });
});

describe('member addresses over HTTP', () => {
  let own: TestServer;
  beforeAll(async () => {
    own = await startTestServer();
  });
  afterAll(() => own.close());

  it('addresses get server-made ids: PUT or DELETE of an id the caller does not have — another member’s, or none — is 404 MEMBERSHIP.ADDRESS_NOT_FOUND, never a creation', async () => {
    const alice = own.token({ subject: 'addr-alice', kind: 'member', roles: [] });
    const bob = own.token({ subject: 'addr-bob', kind: 'member', roles: [] });
    for (const token of [alice, bob]) expect((await own.request('POST', '/me/membership', { token, body: {} })).status).toBe(201);
    const body = { recipient: '王五', phone: '13700000000', region: '上海市', detail: '南京路 1 号' };
    const alices = (await own.request('POST', '/me/membership/addresses', { token: alice, body })).body.addresses;
    const bobs = (await own.request('POST', '/me/membership/addresses', { token: bob, body: { ...body, recipient: '赵六' } })).body.addresses;
    const [aliceId, bobId] = [alices[0].id, bobs[0].id];
    expect(aliceId).not.toBe(bobId);
    const bobBefore = (await own.request('GET', '/me/membership', { token: bob })).body;
    for (const [method, id] of [
      ['PUT', aliceId],
      ['PUT', 'made-up-id'],
      ['DELETE', aliceId],
      ['DELETE', 'made-up-id'],
    ] as const) {
      const r = await own.request(method, `/me/membership/addresses/${id}`, { token: bob, ...(method === 'PUT' ? { body } : {}) });
      expect([method, id, r.status, r.body.code]).toEqual([method, id, 404, 'MEMBERSHIP.ADDRESS_NOT_FOUND']);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await own.request('GET', '/me/membership', { token: bob })).body).toEqual(bobBefore);
    expect((await own.request('GET', '/me/membership', { token: alice })).body.addresses).toEqual(alices);
    // A client cannot choose an id when adding; replacing its own keeps the id.
    expect((await own.request('POST', '/me/membership/addresses', { token: bob, body: { ...body, id: 'mine' } })).status).toBe(400);
    const replaced = await own.request('PUT', `/me/membership/addresses/${bobId}`, { token: bob, body: { ...body, detail: '南京路 2 号' } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.addresses).toEqual([expect.objectContaining({ id: bobId, detail: '南京路 2 号', isDefault: true })]);
  });
});

describe('daily sign-in (its own service: it changes the rule tables)', () => {
  let t: TestServer;
  let admin: string;
  beforeAll(async () => {
    t = await startTestServer();
    admin = t.token({ subject: 'staff-r', kind: 'staff', roles: ['membership'] });
  });
  afterAll(() => t.close());

  it('signing in again the same day answers the first sign-in (replayed), even after staff changed the points and growth rules in between', async () => {
    const member = t.token({ subject: 'member-rules-change', kind: 'member', roles: [] });
    expect((await t.request('POST', '/me/membership', { token: member, body: {} })).status).toBe(201);
    const first = await t.request('POST', '/me/membership/sign-in', { token: member });
    expect(first.body).toMatchObject({ points: 5, streak: 1, balance: 5, replayed: false });
    const rules = (await t.request('GET', '/admin/membership/rules', { token: admin })).body;
    expect(
      (
        await t.request('PUT', '/admin/membership/rules', {
          token: admin,
          body: { table: 'points', value: { ...rules.points, signIn: rules.points.signIn + 7 } },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await t.request('PUT', '/admin/membership/rules', {
          token: admin,
          body: { table: 'growth', value: { ...rules.growth, dailyLogin: rules.growth.dailyLogin + 3 } },
        })
      ).status,
    ).toBe(200);
    const again = await t.request('POST', '/me/membership/sign-in', { token: member });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ points: 5, streak: 1, balance: 5, replayed: true });
    const me = (await t.request('GET', '/me/membership', { token: member })).body;
    expect(me).toMatchObject({ points: 5, growth: rules.growth.dailyLogin });
    for (const [table, value] of [
      ['points', rules.points],
      ['growth', rules.growth],
    ] as const) {
      expect((await t.request('PUT', '/admin/membership/rules', { token: admin, body: { table, value } })).status).toBe(200);
    }
  });
});
