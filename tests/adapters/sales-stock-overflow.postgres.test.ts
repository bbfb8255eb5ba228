// Issue #12 ("a change that would overflow a balance is rejected before writing"), decision 0020: the
// sales layer refuses an operation that would carry a counter past an int with INVENTORY.COUNTER_OVERFLOW,
// on memory and on PostgreSQL alike — there as a guard in the one guarded statement, so that concurrent
// operations cannot pass it either (on PGlite transactions are serialised; on a server they race).
import { describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { INT32_MAX } from '../../domain/shared/integers.js';
import { fileDatabase } from '../support/postgres.js';

const db = fileDatabase({ poolSize: 8 });
const backends: readonly { name: string; persistence: () => Promise<Persistence | undefined> }[] = [
  { name: 'memory', persistence: async () => undefined },
  { name: db.name, persistence: () => db.fresh() },
];
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (isDomainError(e) ? e.code : `UNEXPECTED ${String(e)}`),
  );

describe.each(backends)('sales-layer counters stay within an int — $name', ({ persistence }) => {
  async function skuAt(total: number): Promise<{ zt: Zhongtai; skuId: string }> {
    const p = await persistence();
    const zt = createZhongtai(p ? { persistence: p } : {});
    const leaf = await zt.catalog.createCategory({ name: 'Tea' });
    const skuId = (await zt.catalog.createSpu({ title: 'Longjing', categoryId: leaf.id, salePrice: '128.00' })).skus[0]!.id;
    await zt.inventory.configureStock({ skuId });
    for (let left = total, i = 0; left > 0; i++) {
      const quantity = Math.min(left, 1_000_000_000);
      await zt.inventory.changeStock({ skuId, reference: `fill-${i}`, operation: { kind: 'increase', quantity } });
      left -= quantity;
    }
    return { zt, skuId };
  }

  it('an increase or a presale past 2147483647 units is 409 INVENTORY.COUNTER_OVERFLOW and writes nothing; up to it is accepted', async () => {
    const { zt, skuId } = await skuAt(INT32_MAX - 10);
    const before = await zt.inventory.viewStock({ skuId });
    for (const operation of [
      { kind: 'increase', quantity: 11 },
      { kind: 'presale_open', quantity: 11 },
    ] as const) {
      expect(await outcome(zt.inventory.changeStock({ skuId, reference: `over-${operation.kind}`, operation }))).toBe('INVENTORY.COUNTER_OVERFLOW');
    }
    expect(await zt.inventory.viewStock({ skuId })).toEqual(before);
    expect(await outcome(zt.inventory.changeStock({ skuId, reference: 'to-the-top', operation: { kind: 'increase', quantity: 10 } }))).toBe('ok');
    expect((await zt.inventory.viewStock({ skuId })).total).toBe(INT32_MAX);
  });

  it('10 concurrent increases of 10^8 with room for 3: exactly 3 pass, the others are INVENTORY.COUNTER_OVERFLOW, and the total equals the ledger', {
    timeout: 60_000,
  }, async () => {
    const { zt, skuId } = await skuAt(INT32_MAX - 350_000_000);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        outcome(zt.inventory.changeStock({ skuId, reference: `race-${i}`, operation: { kind: 'increase', quantity: 100_000_000 } })),
      ),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'INVENTORY.COUNTER_OVERFLOW')).toHaveLength(7);
    const s = await zt.inventory.viewStock({ skuId });
    expect(s.total).toBe(INT32_MAX - 50_000_000);
    expect(s.movements.reduce((sum, m) => sum + m.delta.total, 0)).toBe(s.total);
  });
});
