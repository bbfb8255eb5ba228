import { CATALOG_QUERIES } from '../../../application/catalog/read-model.js';
import { CATALOG_STORE } from '../../../application/catalog/store.js';
import { describe, expect, it } from 'vitest';
import { Spu } from '../../../domain/catalog/spu.js';
import { Money } from '../../../domain/shared/money.js';
import { aComboSpu, aLeafCategory, aPhoneSpu, at, sequentialIds, T0 } from '../../support/mothers.js';
import { codeOf, inTx, plain, type CurrentPersistence } from './support.js';

/** Spus: the SPU aggregate with its SKUs, saved and loaded as one. */
export function spuRepositoryContract(current: CurrentPersistence): void {
  describe('Spus', () => {
    it('round-trips a product with its SKUs in order (Money and Date objects back)', async () => {
      const spu = aPhoneSpu({ tags: [{ kind: 'service', name: '7-day returns' }], brandId: 'b1' });
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.save(spu));
      expect(spu.version).toBe(1);
      const found = (await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.get(spu.id)))!;
      expect(found).toBeInstanceOf(Spu);
      expect(plain(found.toSnapshot())).toEqual(plain(spu.toSnapshot()));
      expect(found.skus.map((k) => k.id)).toEqual(['sku-1', 'sku-2', 'sku-3', 'sku-4']);
      expect(found.skus[0]!.salePrice).toBeInstanceOf(Money);
      expect(found.toSnapshot().createdAt).toBeInstanceOf(Date);
    });

    it('getMany loads the products found among the ids, each once, and skips unknown ones', async () => {
      const phone = aPhoneSpu();
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.save(phone));
      const found = await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.getMany([phone.id, 'nope', phone.id]));
      expect(found.map((s) => plain(s.toSnapshot()))).toEqual([plain(phone.toSnapshot())]);
      expect(await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.getMany([]))).toEqual([]);
    });

    it('getManyBySkus loads the products holding any of the SKUs, each once (two SKUs of one product: one product), and skips unknown SKUs (issue #14)', async () => {
      const phone = aPhoneSpu();
      const combo = aComboSpu();
      await inTx(current(), async (tx) => {
        await tx.use(CATALOG_STORE).spus.save(phone);
        await tx.use(CATALOG_STORE).spus.save(combo);
      });
      const found = await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.getManyBySkus(['sku-1', 'sku-3', 'missing', 'sku-1']));
      expect(found.map((s) => plain(s.toSnapshot()))).toEqual([plain(phone.toSnapshot())]);
      const both = await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.getManyBySkus(['sku-combo', 'sku-2']));
      expect(both.map((s) => s.id).sort()).toEqual([combo.id, phone.id].sort());
      expect(await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.getManyBySkus([]))).toEqual([]);
    });

    it('keeps money exact: 0.01, 12.30 and 99999999.99 come back as they went in', async () => {
      const prices = ['0.01', '12.30', '99999999.99'];
      const spu = aPhoneSpu({
        salesAttributes: [
          { attributeId: 'color', values: ['black', 'white', 'blue'] },
          { attributeId: 'storage', values: ['128G'] },
        ],
        skus: ['black', 'white', 'blue'].map((color, i) => ({ specs: { color, storage: '128G' }, salePrice: Money.of(prices[i]!), marketPrice: null })),
      });
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.save(spu));
      const found = (await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.get(spu.id)))!;
      expect(found.skus.map((k) => k.salePrice.toString())).toEqual(prices);
      expect(found.skus.every((k, i) => k.salePrice.equals(Money.of(prices[i]!)))).toBe(true);
      expect(found.platformPrice.toString()).toBe('0.01');
      expect((await current().readModel(CATALOG_QUERIES).spu(spu.id))!.skus.map((k) => k.salePrice.toString())).toEqual(prices);
    });

    it('round-trips a combo product with its components', async () => {
      const combo = aComboSpu();
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.save(combo));
      const found = (await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.get(combo.id)))!;
      expect(plain(found.toSnapshot())).toEqual(plain(combo.toSnapshot()));
    });

    it('saves changes to a loaded product: price, listing, and bumps the version', async () => {
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.save(aPhoneSpu()));
      await inTx(current(), async (tx) => {
        const spu = (await tx.use(CATALOG_STORE).spus.get('spu-phone'))!;
        spu.changePrice('sku-3', { salePrice: Money.of('3599.00'), marketPrice: null }, at(1));
        spu.list(at(2));
        await tx.use(CATALOG_STORE).spus.save(spu);
        spu.update({ title: 'Phone One (2025)' }, at(3));
        await tx.use(CATALOG_STORE).spus.save(spu); // twice in one transaction
      });
      const found = (await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.get('spu-phone')))!.toSnapshot();
      expect(found).toMatchObject({ status: 'listed', title: 'Phone One (2025)', version: 3, updatedAt: at(3) });
      expect(found.skus.map((k) => [k.id, k.salePrice.toString(), k.marketPrice?.toString() ?? null])).toEqual([
        ['sku-1', '3999.00', '4999.00'],
        ['sku-2', '3999.00', '4999.00'],
        ['sku-3', '3599.00', null],
        ['sku-4', '3999.00', '4999.00'],
      ]);
    });

    it('CONCURRENCY.STALE_AGGREGATE: a stale product is not saved, SKUs included', async () => {
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.save(aPhoneSpu()));
      const stale = (await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.get('spu-phone')))!;
      await inTx(current(), async (tx) => {
        const spu = (await tx.use(CATALOG_STORE).spus.get('spu-phone'))!;
        spu.list(at(1));
        await tx.use(CATALOG_STORE).spus.save(spu);
      });
      stale.changePrice('sku-1', { salePrice: Money.of('1.00'), marketPrice: null }, at(2));
      expect(await codeOf(inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.save(stale)))).toBe('CONCURRENCY.STALE_AGGREGATE');
      expect(await codeOf(inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.save(aPhoneSpu())))).toBe('CONCURRENCY.STALE_AGGREGATE');
      const found = (await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.get('spu-phone')))!;
      expect(found.skus[0]!.salePrice.toString()).toBe('3999.00');
    });

    it('answers the lookups use cases make: counts, codes, SKUs and due schedules', async () => {
      const phone = aPhoneSpu();
      const combo = aComboSpu();
      const other = aPhoneSpu({ id: 'spu-2', code: 'PHONE2', category: aLeafCategory(undefined, 'feature-phones'), skuIds: sequentialIds('k2') });
      other.schedule({ listAt: at(10) }, T0);
      await inTx(current(), async (tx) => {
        for (const s of [phone, combo, other]) await tx.use(CATALOG_STORE).spus.save(s);
      });
      await inTx(current(), async (tx) => {
        expect(await tx.use(CATALOG_STORE).spus.countInCategory('smartphones')).toBe(2);
        expect(await tx.use(CATALOG_STORE).spus.countInCategory('phones')).toBe(0); // leaves only, no descendants
        expect(await tx.use(CATALOG_STORE).spus.codeTaken('PHONE2')).toBe(true);
        expect(await tx.use(CATALOG_STORE).spus.codeTaken('PHONE9')).toBe(false);
        expect((await tx.use(CATALOG_STORE).spus.takenSkuCodes(['PHONE1-01', 'PHONE2-02', 'NEW-1'])).sort()).toEqual(['PHONE1-01', 'PHONE2-02']);
        expect(await tx.use(CATALOG_STORE).spus.takenSkuCodes(['PHONE1-01', 'PHONE2-02'], 'spu-phone')).toEqual(['PHONE2-02']);
        expect(await tx.use(CATALOG_STORE).spus.takenSkuCodes([])).toEqual([]);
        const skus = await tx.use(CATALOG_STORE).spus.findSkus(['sku-1', 'sku-combo', 'missing']);
        expect(skus.sort((a, b) => (a.skuId < b.skuId ? -1 : 1))).toEqual([
          { skuId: 'sku-1', spuId: 'spu-phone', kind: 'standard' },
          { skuId: 'sku-combo', spuId: 'spu-combo', kind: 'combo' },
        ]);
        expect(await tx.use(CATALOG_STORE).spus.dueForSchedule(at(9), 10)).toEqual([]);
        const due = await tx.use(CATALOG_STORE).spus.dueForSchedule(at(10), 10);
        expect(due.map((s) => s.id)).toEqual(['spu-2']);
        expect(due[0]!.toSnapshot().listAt).toEqual(at(10));
        expect(await tx.use(CATALOG_STORE).spus.dueForSchedule(at(10), 0)).toEqual([]);
      });
    });
  });
}
