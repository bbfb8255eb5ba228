import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import { mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { day, ManualClock, thresholdFields } from '../domain/coupon/coupon-mothers.js';
import { testDatabase, type TestDatabase } from '../support/postgres.js';

// Real concurrency needs the real server (DATABASE_URL); on PGlite every transaction is serialised,
// so the same test proves only the bookkeeping there.
const onServer = Boolean(process.env.DATABASE_URL);

let db: TestDatabase;
let p: MikroOrmPersistence;
let zt: Zhongtai;
beforeAll(async () => {
  db = await testDatabase();
  // 300 claims start at once: they may all wait for a session (the default queue bound of 100 and wait of 5 s are for a small service).
  p = await mikroOrmPersistence({ ...db.options, poolSize: onServer ? 32 : undefined, maxWaiting: 1_000, acquireTimeoutMs: 60_000 });
  zt = createZhongtai({ persistence: p, clock: new ManualClock(day(1)) });
});
afterAll(async () => {
  await p?.close();
  await db?.drop();
});

const sql = <R>(text: string, params: unknown[] = []) => p.orm.em.fork().execute<R[] & object[]>(text, params) as Promise<R[]>;

/** Starts every call at once; the error codes seen (null = success). */
async function together(n: number, work: (i: number) => Promise<unknown>): Promise<(string | null)[]> {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      try {
        await work(i);
        return null;
      } catch (e) {
        return isDomainError(e) ? e.code : `UNEXPECTED: ${String(e)}`;
      }
    }),
  );
}

const count = (outcomes: (string | null)[], code: string | null) => outcomes.filter((o) => o === code).length;

async function stored(templateId: string): Promise<{ issued: number; coupons: number; members: number; maxPerMember: number }> {
  const [row] = await sql<{ issued: number; coupons: number; members: number; max_per_member: number }>(
    `select (select issued from coupon_template where id = ?) as issued,
       (select count(*)::int from owned_coupon where template_id = ?) as coupons,
       (select coalesce(sum(claimed), 0)::int from coupon_member_claim where template_id = ?) as members,
       (select coalesce(max(n), 0)::int from (select count(*) as n from owned_coupon where template_id = ? group by member_id) x) as max_per_member`,
    [templateId, templateId, templateId, templateId],
  );
  return { issued: row!.issued, coupons: row!.coupons, members: row!.members, maxPerMember: row!.max_per_member };
}

describe(`coupon claims under concurrency (${onServer ? 'PostgreSQL server' : 'PGlite, serialised'})`, () => {
  it('100 concurrent claims of a template with 10 left: exactly 10 succeed, the rest are sold out and write nothing', { timeout: 60_000 }, async () => {
    const t = await zt.coupons.createTemplate(thresholdFields({ name: '10 left', totalQuantity: 12, perMemberLimit: 1 }));
    await zt.coupons.issue({ templateId: t.id, memberIds: ['early-1', 'early-2'] });
    const outcomes = await together(100, (i) => zt.coupons.claim({ templateId: t.id, memberId: `member-${i}` }));
    expect(count(outcomes, null)).toBe(10);
    expect(count(outcomes, 'COUPON.SOLD_OUT')).toBe(90);
    expect(await stored(t.id)).toEqual({ issued: 12, coupons: 12, members: 12, maxPerMember: 1 });
  });

  it("20 concurrent claims by one member with a limit of 3: exactly 3 succeed, the rest are over the member's limit", { timeout: 60_000 }, async () => {
    const t = await zt.coupons.createTemplate(thresholdFields({ name: 'limit 3', totalQuantity: 1000, perMemberLimit: 3 }));
    const outcomes = await together(20, () => zt.coupons.claim({ templateId: t.id, memberId: 'greedy' }));
    expect(count(outcomes, null)).toBe(3);
    expect(count(outcomes, 'COUPON.LIMIT_REACHED')).toBe(17);
    expect(await stored(t.id)).toEqual({ issued: 3, coupons: 3, members: 3, maxPerMember: 3 });
    expect(await zt.coupons.listMemberCoupons({ memberId: 'greedy' })).toHaveLength(3);
  });

  it('both limits at once: 300 claims from 12 members (limit 3) and 4 bulk issues on a template of 25 — exactly 25, nobody above 3', {
    timeout: 60_000,
  }, async () => {
    const t = await zt.coupons.createTemplate(thresholdFields({ name: 'both', totalQuantity: 25, perMemberLimit: 3 }));
    const members = Array.from({ length: 12 }, (_, i) => `mix-${i}`);
    const [claims, issues] = await Promise.all([
      together(300, (i) => zt.coupons.claim({ templateId: t.id, memberId: members[i % members.length]! })),
      Promise.all(Array.from({ length: 4 }, () => zt.coupons.issue({ templateId: t.id, memberIds: members.slice(0, 6) }))),
    ]);
    const issued = issues.reduce((n, r) => n + r.issued, 0);
    expect(count(claims, null) + issued).toBe(25);
    expect(claims.filter((o) => o !== null && o !== 'COUPON.SOLD_OUT' && o !== 'COUPON.LIMIT_REACHED')).toEqual([]);
    expect(await stored(t.id)).toMatchObject({ issued: 25, coupons: 25, members: 25 });
    expect((await stored(t.id)).maxPerMember).toBeLessThanOrEqual(3);
  });

  it('the CHECK constraints stand behind the guards: a direct write past the total or the limit fails', async () => {
    const t = await zt.coupons.createTemplate(thresholdFields({ name: 'check', totalQuantity: 1, perMemberLimit: 1 }));
    await zt.coupons.claim({ templateId: t.id, memberId: 'only' });
    await expect(sql('update coupon_template set issued = issued + 1 where id = ?', [t.id])).rejects.toThrow(/coupon_template_issued_check/);
    await expect(sql(`update coupon_member_claim set claimed = claimed + 1 where template_id = ?`, [t.id])).rejects.toThrow(/coupon_member_claim_limit_check/);
  });
});
