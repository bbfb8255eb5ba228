import { describe, expect, it } from 'vitest';
import { PROMOTION_STORE } from '../../application/promotion/store.js';
import { Migration20261122150000_activity_four_eyes } from '../../adapters/persistence/mikro-orm/promotion/migrations/Migration20261122150000_activity_four_eyes.js';
import { Activity } from '../../domain/promotion/activity.js';
import { at } from '../support/mothers.js';
import { fileDatabase } from '../support/postgres.js';
import { inTx } from './contract/support.js';
import { aFullReduction } from '../domain/promotion/promotion-mothers.js';
import { promotionContract } from './promotion-contract.js';

const db = fileDatabase();

promotionContract(db.name, async () => ({ fresh: db.fresh }));

describe('promotion tables on PostgreSQL', () => {
  const sql = db.sql;

  it('CHECK constraints are the last line of defence: a group never holds more paid members than its size, a budget never goes negative', async () => {
    await db.fresh();
    const group = (paid: number) => `insert into group_buy values ('g', 'a', 1, 'normal', 3, ${paid}, '{}', 'open', 'L', now(), now(), null, 1)`;
    await expect(sql(group(4))).rejects.toThrow(/group_buy_paid_check/);
    await expect(sql(`insert into activity_budget values ('a', -1)`)).rejects.toThrow(/activity_budget_spent_check/);
    await expect(sql(`insert into activity (id, code, kind, versions, created_at, version) values ('a', 'A', 'lottery', '[]', now(), 1)`)).rejects.toThrow(
      /activity_kind_check/,
    );
    // 限购: the counter never passes the limit it was judged by, never goes negative; a consumption takes at least 1.
    await expect(sql(`insert into purchase_limit_usage values ('a', 'm', 'activity', 4, 3)`)).rejects.toThrow(/purchase_limit_usage_used_check/);
    await expect(sql(`insert into purchase_limit_usage values ('a', 'm', 'activity', -1, null)`)).rejects.toThrow(/purchase_limit_usage_used_check/);
    await expect(sql(`insert into purchase_limit_consumption values ('a', 'o', 'm', 'activity', 0, false, now())`)).rejects.toThrow(
      /purchase_limit_consumption_quantity_check/,
    );
  });
});

describe('the four-eyes migration (decision 0021) on activities stored before it', () => {
  const sql = db.sql;

  it('fills authors (none known), and approvedBy / approvedAt from the review of every approved version; others stay unapproved', async () => {
    const p = await db.fresh();
    const a = Activity.create('old', aFullReduction(), at(0), { by: 'mia' });
    a.submit(at(1), { by: 'mia' });
    a.approve(at(2), { by: 'rex' });
    a.revise({ priority: 1 }, at(3), { by: 'mia' });
    a.submit(at(4), { by: 'mia' });
    a.approve(at(5), { by: 'joy' });
    a.revise({ priority: 2 }, at(6), { by: 'mia' });
    a.submit(at(7), { by: 'mia' });
    a.reject('no', at(8), { by: 'rex' });
    a.revise({ priority: 3 }, at(9), { by: 'mia' });
    await inTx(p, (tx) => tx.use(PROMOTION_STORE).activities.save(a));
    // As a version looked before the migration: without the three new keys.
    await sql(
      `update activity set versions = (select jsonb_agg(v - 'authors' - 'approvedBy' - 'approvedAt' order by n) from jsonb_array_elements(versions) with ordinality as t(v, n))`,
    );
    const keys = async () => (await sql(`select jsonb_object_keys(versions->0) as k from activity`)).map((r) => String(r.k));
    expect(await keys()).not.toContain('approvedBy');

    const migration = new Migration20261122150000_activity_four_eyes(p.orm.em.getDriver(), p.orm.config);
    await migration.up();
    for (const q of migration.getQueries()) await sql(q as string);

    expect(await keys()).toEqual(expect.arrayContaining(['authors', 'approvedBy', 'approvedAt']));
    const found = (await inTx(p, (tx) => tx.use(PROMOTION_STORE).activities.get('old')))!;
    expect(found.toSnapshot().versions.map((v) => [v.status, v.authors, v.approvedBy, v.approvedAt])).toEqual([
      ['superseded', [], 'rex', at(2)],
      ['published', [], 'joy', at(5)],
      ['rejected', [], null, null],
      ['draft', [], null, null],
    ]);
    expect(found.version).toBe(a.version);
  });
});
