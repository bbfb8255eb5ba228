import { describe, expect, it } from 'vitest';
import { fileDatabase } from '../support/postgres.js';
import { promotionContract } from './promotion-contract.js';

const db = fileDatabase();

promotionContract(db.name, async () => ({ fresh: db.fresh }));

describe('promotion tables on PostgreSQL', () => {
  const sql = db.sql;

  it('CHECK constraints are the last line of defence: a group never holds more paid members than its size, a budget never goes negative', async () => {
    await db.fresh();
    const group = (paid: number) =>
      `insert into group_buy values ('g', 'a', 1, 'normal', 3, ${paid}, '{}', 'open', 'L', now(), now(), null, 1)`;
    await expect(sql(group(4))).rejects.toThrow(/group_buy_paid_check/);
    await expect(sql(`insert into activity_budget values ('a', -1)`)).rejects.toThrow(/activity_budget_spent_check/);
    await expect(sql(`insert into activity (id, code, kind, versions, created_at, version) values ('a', 'A', 'lottery', '[]', now(), 1)`)).rejects.toThrow(/activity_kind_check/);
    // 限购: the counter never passes the limit it was judged by, never goes negative; a consumption takes at least 1.
    await expect(sql(`insert into purchase_limit_usage values ('a', 'm', 'activity', 4, 3)`)).rejects.toThrow(/purchase_limit_usage_used_check/);
    await expect(sql(`insert into purchase_limit_usage values ('a', 'm', 'activity', -1, null)`)).rejects.toThrow(/purchase_limit_usage_used_check/);
    await expect(sql(`insert into purchase_limit_consumption values ('a', 'o', 'm', 'activity', 0, false, now())`)).rejects.toThrow(/purchase_limit_consumption_quantity_check/);
  });
});

