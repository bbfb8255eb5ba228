import { describe, expect, it } from 'vitest';
import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { MemoryDatabase } from '../../adapters/persistence/memory/memory-database.js';
import { chinaYear } from '../../domain/crossborder/index.js';
import { checkoutWorld } from '../support/checkout-world.js';

const XIHU = '330106';

/**
 * The yearly cross-border limit (spec §18) at checkout: what the buyer paid this year comes from the
 * cross-border context's store (`crossBorderPaidThisYear`, table `crossBorderPurchases` in memory), and
 * the pure check refuses what would pass 20,000.00. Nothing records paid cross-border orders yet (issue
 * #6), so the row is put into the memory database directly.
 */
describe('checkout and the cross-border store (issue #13)', () => {
  it('spec §18: 19,500.00 paid this year by the buyer + 806.00 of milk powder and its freight is CROSSBORDER.YEARLY_LIMIT; another buyer, or nothing paid, passes', async () => {
    const db = new MemoryDatabase();
    const w = await checkoutWorld({ persistence: memoryPersistence(db) });
    const year = chinaYear(w.now);
    db.table('crossBorderPurchases').set(`${year}:ID-110101`, { id: `${year}:ID-110101`, personId: 'ID-110101', year, paid: '19500.00', version: 1 } as never);
    const cmd = {
      memberId: 'm1',
      address: XIHU,
      buyNow: { skuId: w.skus.p1, quantity: 2 },
      coupons: 'none' as const,
      crossBorder: [{ skuId: w.skus.p1, consumptionRate: '0', vatRate: '0.17' }],
    };

    await expect(w.zt.checkout.preview({ ...cmd, personId: 'ID-110101' })).rejects.toMatchObject({
      code: 'CROSSBORDER.YEARLY_LIMIT',
      details: { amount: '806.00', paidThisYear: '19500.00', remaining: '500.00' },
    });
    const other = await w.zt.checkout.preview({ ...cmd, personId: 'ID-220202' });
    expect([other.crossBorder?.paidThisYear.toString(), other.crossBorder?.transactionAmount.toString()]).toEqual(['0.00', '806.00']); // 800.00 of goods and the platform's 6.00 freight
    const byMember = await w.zt.checkout.preview(cmd); // default person: member:m1
    expect(byMember.crossBorder?.paidThisYear.toString()).toBe('0.00');
  });
});
