import { describe, expect, it } from 'vitest';
import { fileDatabase } from '../support/postgres.js';
import { dispatchContract } from './dispatch-contract.js';

const db = fileDatabase();

dispatchContract(db.name, async () => ({ fresh: db.fresh }));

describe('dispatch tables on PostgreSQL', () => {
  const sql = db.sql;

  it('CHECK constraints are the last line of defence: no unknown type or status', async () => {
    await db.fresh();
    const row = (type: string, status: string) =>
      `insert into warehouse values ('w1', 'W1', 'n', '330106', 'd', 'c', '1234', '${type}', 1, '${status}', '[]', 1)`;
    await expect(sql(row('bonded', 'active'))).rejects.toThrow(/warehouse_type_check/);
    await expect(sql(row('supplier', 'closed'))).rejects.toThrow(/warehouse_status_check/);
  });
});
