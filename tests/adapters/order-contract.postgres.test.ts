import { describe, expect, it } from 'vitest';
import { fileDatabase } from '../support/postgres.js';
import { orderContract } from './order-contract.js';

const db = fileDatabase();

orderContract(db.name, async () => ({ fresh: db.fresh }));

describe('order tables on PostgreSQL', () => {
  it('CHECK constraints are the last line of defence: no unknown order or payment status', async () => {
    await db.fresh();
    await expect(db.sql(`insert into sales_order values ('o1', 'N1', 'm1', null, 'lost', now(), '{}', 1)`)).rejects.toThrow(/sales_order_status_check/);
    await expect(db.sql(`insert into payment values ('p1', 'N1', 'lost', now(), '{}', 1)`)).rejects.toThrow(/payment_status_check/);
  });
});
