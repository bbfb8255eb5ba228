import fc from 'fast-check';
import { FREIGHT_STORE } from '../../application/freight/store.js';
import { describe, expect, it } from 'vitest';
import { FreightTemplate } from '../../domain/freight/template.js';
import { ShopFreightSettings } from '../../domain/freight/shop-settings.js';
import { R, rate, templateFields } from '../domain/freight/freight-mothers.js';
import { codeOf, inTx, plain, contractPersistence, type ContractBackend } from './contract/support.js';

/** A template with every field set, to round-trip. */
const full = (id = 't1', over: Parameters<typeof templateFields>[0] = {}) =>
  FreightTemplate.create(
    id,
    templateFields({
      name: '偏远 remote by weight',
      chargeBy: 'weight',
      defaultRate: rate('1.5', '12.00', '0.5', '3.00'),
      regionRates: [
        { regions: [R.xinjiang, R.tibet], rate: rate(1, '30.00', 1, '15.00') },
        { regions: [R.xihu], rate: rate(1, '5.00', 1, '1.00') },
      ],
      freeRules: [
        { minAmount: '99.00', minQuantity: 3, combine: 'or' },
        { regions: [R.zhejiang], minQuantity: 2 },
      ],
      overridesShop: true,
      ...over,
    }),
  );

const fullSettings = (shopId = 'shop-1') => {
  const s = ShopFreightSettings.forShop(shopId, null);
  s.define({
    mode: 'mixed',
    combination: 'max',
    shopTemplate: { defaultRate: { fee: '10.00', freeOver: '69.00' }, regionRates: [{ regions: [R.xinjiang], rate: { fee: '25.00' } }] },
    carrierCost: { chargeBy: 'weight', defaultRate: rate(1, '6.00', 1, '2.00'), regionRates: [{ regions: [R.tibet], rate: rate(1, '20.00', 1, '9.00') }] },
  });
  return s;
};

/**
 * The freight persistence contract: FreightTemplates, ShopFreightSettingsRepository and
 * SkuFreightTemplates, run against each adapter. `backend()` is awaited once; `fresh()` before each test.
 */
export function freightContract(name: string, backend: () => Promise<ContractBackend>): void {
  describe(`freight persistence contract — ${name}`, () => {
    const p = contractPersistence(backend);

    describe('FreightTemplates', () => {
      it('saves a template at version 1 and reads back the same snapshot, Money and key order included', async () => {
        const t = full();
        await inTx(p(), (tx) => tx.use(FREIGHT_STORE).templates.save(t));
        expect(t.version).toBe(1);
        const found = (await inTx(p(), (tx) => tx.use(FREIGHT_STORE).templates.get('t1')))!;
        expect(found).toBeInstanceOf(FreightTemplate);
        expect(JSON.stringify(found.toSnapshot())).toBe(JSON.stringify(t.toSnapshot()));
        expect(found.toSnapshot().defaultRate.firstPrice.add(found.toSnapshot().freeRules[0]!.minAmount!).toString()).toBe('111.00');
        expect(await inTx(p(), (tx) => tx.use(FREIGHT_STORE).templates.get('nope'))).toBeNull();
      });

      it('updates at the stored version; a stale copy, or creating an id that exists, is CONCURRENCY.STALE_AGGREGATE', async () => {
        await inTx(p(), (tx) => tx.use(FREIGHT_STORE).templates.save(full()));
        const mine = (await inTx(p(), (tx) => tx.use(FREIGHT_STORE).templates.get('t1')))!;
        const theirs = (await inTx(p(), (tx) => tx.use(FREIGHT_STORE).templates.get('t1')))!;
        theirs.update({ name: 'theirs', regionRates: [], freeRules: [] });
        await inTx(p(), (tx) => tx.use(FREIGHT_STORE).templates.save(theirs));
        expect(theirs.version).toBe(2);
        mine.update({ name: 'mine' });
        expect(await codeOf(inTx(p(), (tx) => tx.use(FREIGHT_STORE).templates.save(mine)))).toBe('CONCURRENCY.STALE_AGGREGATE');
        expect(await codeOf(inTx(p(), (tx) => tx.use(FREIGHT_STORE).templates.save(full())))).toBe('CONCURRENCY.STALE_AGGREGATE');
        const stored = (await inTx(p(), (tx) => tx.use(FREIGHT_STORE).templates.get('t1')))!.toSnapshot();
        expect([stored.name, stored.regionRates, stored.freeRules, stored.version]).toEqual(['theirs', [], [], 2]);
      });

      it('lists by shop, by name then id in code-unit order; getMany returns those that exist', async () => {
        await inTx(p(), async (tx) => {
          await tx.use(FREIGHT_STORE).templates.save(full('t3', { name: 'b' }));
          await tx.use(FREIGHT_STORE).templates.save(full('t1', { name: 'B' }));
          await tx.use(FREIGHT_STORE).templates.save(full('t2', { name: 'b' }));
          await tx.use(FREIGHT_STORE).templates.save(full('t4', { name: 'a', shopId: 'shop-2' }));
        });
        expect((await inTx(p(), (tx) => tx.use(FREIGHT_STORE).templates.list({ shopId: 'shop-1' }))).map((t) => t.id)).toEqual(['t1', 't2', 't3']);
        expect((await inTx(p(), (tx) => tx.use(FREIGHT_STORE).templates.list())).map((t) => t.id)).toEqual(['t1', 't4', 't2', 't3']);
        expect((await inTx(p(), (tx) => tx.use(FREIGHT_STORE).templates.getMany(['t4', 'nope', 't2', 't4']))).map((t) => t.id).sort()).toEqual(['t2', 't4']);
        expect(await inTx(p(), (tx) => tx.use(FREIGHT_STORE).templates.getMany([]))).toEqual([]);
      });

      it('reads its own writes inside the transaction, and a rollback leaves nothing', async () => {
        await expect(
          inTx(p(), async (tx) => {
            await tx.use(FREIGHT_STORE).templates.save(full());
            expect((await tx.use(FREIGHT_STORE).templates.list()).map((t) => t.id)).toEqual(['t1']);
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await inTx(p(), (tx) => tx.use(FREIGHT_STORE).templates.get('t1'))).toBeNull();
      });

      it('any valid template round-trips unchanged (property, 25 runs)', async () => {
        const cents = fc.integer({ min: 0, max: 99_999 }).map((c) => (c / 100).toFixed(2));
        const rateArb = fc.record({
          firstUnits: fc.integer({ min: 1, max: 9 }),
          firstPrice: cents,
          additionalUnits: fc.integer({ min: 1, max: 9 }),
          additionalPrice: cents,
        });
        let n = 0;
        await fc.assert(
          fc.asyncProperty(
            rateArb,
            fc.option(rateArb, { nil: undefined }),
            fc.boolean(),
            fc.option(cents, { nil: undefined }),
            async (def, remote, overrides, minAmount) => {
              const t = FreightTemplate.create(
                `p${n++}`,
                templateFields({
                  defaultRate: def,
                  overridesShop: overrides,
                  ...(remote ? { regionRates: [{ regions: [R.tibet], rate: remote }] } : {}),
                  ...(minAmount ? { freeRules: [{ minAmount }] } : {}),
                }),
              );
              await inTx(p(), (tx) => tx.use(FREIGHT_STORE).templates.save(t));
              const back = (await inTx(p(), (tx) => tx.use(FREIGHT_STORE).templates.get(t.id)))!;
              expect(JSON.stringify(back.toSnapshot())).toBe(JSON.stringify(t.toSnapshot()));
            },
          ),
          { numRuns: 25 },
        );
      });
    });

    describe('ShopFreightSettingsRepository', () => {
      it('null for a shop without settings; saves, reads back and updates optimistically', async () => {
        expect(await inTx(p(), (tx) => tx.use(FREIGHT_STORE).shopSettings.get('shop-1'))).toBeNull();
        const s = fullSettings();
        await inTx(p(), (tx) => tx.use(FREIGHT_STORE).shopSettings.save(s));
        const back = (await inTx(p(), (tx) => tx.use(FREIGHT_STORE).shopSettings.get('shop-1')))!;
        expect(JSON.stringify(back.toSnapshot())).toBe(JSON.stringify(s.toSnapshot()));
        expect(plain(back.toSnapshot())).toMatchObject({ mode: 'mixed', combination: 'max', version: 1 });
        back.define({ mode: 'per_item' });
        await inTx(p(), (tx) => tx.use(FREIGHT_STORE).shopSettings.save(back));
        const again = (await inTx(p(), (tx) => tx.use(FREIGHT_STORE).shopSettings.get('shop-1')))!.toSnapshot();
        expect(again).toEqual({ id: 'shop-1', mode: 'per_item', combination: 'sum', shopTemplate: null, carrierCost: null, version: 2 });
        s.define({ mode: 'per_item', combination: 'max' });
        expect(await codeOf(inTx(p(), (tx) => tx.use(FREIGHT_STORE).shopSettings.save(s)))).toBe('CONCURRENCY.STALE_AGGREGATE');
      });
    });

    describe('SkuFreightTemplates', () => {
      it('assigns, reassigns and takes away templates; lists the SKUs of a template', async () => {
        await inTx(p(), (tx) => tx.use(FREIGHT_STORE).skuTemplates.assign(['s2', 's1', 's3'], 't1'));
        await inTx(p(), (tx) => tx.use(FREIGHT_STORE).skuTemplates.assign(['s3', 's4'], 't2'));
        expect(await inTx(p(), (tx) => tx.use(FREIGHT_STORE).skuTemplates.templatesOf(['s1', 's3', 's4', 'nope']))).toEqual({ s1: 't1', s3: 't2', s4: 't2' });
        expect(await inTx(p(), (tx) => tx.use(FREIGHT_STORE).skuTemplates.skusOf('t1'))).toEqual(['s1', 's2']);
        await inTx(p(), (tx) => tx.use(FREIGHT_STORE).skuTemplates.assign(['s1', 'nope'], null));
        expect(await inTx(p(), (tx) => tx.use(FREIGHT_STORE).skuTemplates.templatesOf(['s1', 's2']))).toEqual({ s2: 't1' });
        expect(await inTx(p(), (tx) => tx.use(FREIGHT_STORE).skuTemplates.templatesOf([]))).toEqual({});
        await expect(
          inTx(p(), async (tx) => {
            await tx.use(FREIGHT_STORE).skuTemplates.assign(['s2'], 't9');
            expect(await tx.use(FREIGHT_STORE).skuTemplates.templatesOf(['s2'])).toEqual({ s2: 't9' });
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await inTx(p(), (tx) => tx.use(FREIGHT_STORE).skuTemplates.skusOf('t1'))).toEqual(['s2']);
      });
    });
  });
}
