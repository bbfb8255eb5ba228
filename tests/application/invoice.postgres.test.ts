import { describe, expect, it } from 'vitest';
import { fileDatabase } from '../support/postgres.js';
import { fulfilmentWorld } from './fulfilment-world.js';
import { invoiceSuite } from './invoice-world.js';

const db = fileDatabase();
invoiceSuite(db.name, () => db.fresh());

describe(`the database keeps one live blue invoice per order (${db.name})`, () => {
  it('a second blue row of the order is refused by the partial unique index, whoever writes it; a red-flushed one does not count', async () => {
    const w = await fulfilmentWorld(await db.fresh());
    await w.zt.invoices.setSettings({
      shopId: '*',
      issueWhen: 'paid',
      issuer: { name: 'x', taxNumber: '91310000MA1FL0001X' },
      goodsRate: 1300,
      freightRate: 900,
      categoryRates: {},
    });
    await w.paidOrder({ id: 'o1' });
    const blue = await w.zt.invoices.request({
      memberId: 'member-1',
      orderId: 'o1',
      buyer: { type: 'personal', title: 'x', taxNumber: null, email: null, address: null },
    });
    const copy = (id: string, status: string) =>
      db.sql(
        `insert into invoice (id, order_id, member_id, shop_id, kind, status, requested_at, snapshot, version) select '${id}', order_id, member_id, shop_id, kind, '${status}', requested_at, snapshot, 1 from invoice where id = '${blue.id}'`,
      );
    for (const status of ['requested', 'issuing', 'issued', 'failed', 'flushing']) {
      await expect(copy(`dup-${status}`, status), status).rejects.toMatchObject({ code: '23505' });
    }
    await copy('old-red-flushed', 'red_flushed');
    await copy('old-cancelled', 'cancelled');
    expect((await db.sql(`select count(*)::int as n from invoice where order_id = 'o1'`))[0]).toEqual({ n: 3 });
  });
});
