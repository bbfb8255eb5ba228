import { describe, expect, it } from 'vitest';
import { DISPATCH_STORE } from '../../application/dispatch/store.js';
import { Warehouse } from '../../domain/dispatch/warehouse.js';
import { aWarehouse, R } from '../domain/dispatch/dispatch-mothers.js';
import { codeOf, inTx, plain, contractPersistence, type ContractBackend } from './contract/support.js';

/** A warehouse with every field set and three tiers, to round-trip. */
const full = (id = 'hz') =>
  aWarehouse(id, {
    type: 'self_run_central',
    priority: 3,
    tier1: [R.hangzhou, R.ningbo],
    tier2: [R.jiangsu],
    tier3: [R.guangdong, '310000'],
    fields: { name: '杭州中心仓', address: { region: R.binjiang, detail: '江南大道 100 号' }, contact: { name: '陈', phone: '+86 571 8888' } },
  });

/**
 * The dispatch persistence contract: Warehouses, written once and run against each adapter (the stock
 * of warehouses is the dispatch layer's: see layer-stock-contract.ts). `backend()` is awaited once; `fresh()` before each test.
 */
export function dispatchContract(name: string, backend: () => Promise<ContractBackend>): void {
  describe(`dispatch persistence contract — ${name}`, () => {
    const p = contractPersistence(backend);

    describe('Warehouses', () => {
      it('saves a new warehouse at version 1 and reads back the same snapshot, tiers and regions included', async () => {
        const w = full();
        await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.save(w));
        expect(w.version).toBe(1);
        const found = await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.get('hz'));
        expect(found).toBeInstanceOf(Warehouse);
        expect(plain(found!.toSnapshot())).toEqual(plain(w.toSnapshot()));
        expect(JSON.stringify(found!.toSnapshot().tiers)).toBe(JSON.stringify(w.toSnapshot().tiers)); // key order too
        expect(await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.get('nope'))).toBeNull();
      });

      it('updates a warehouse loaded at the stored version and bumps the version', async () => {
        await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.save(full()));
        await inTx(p(), async (tx) => {
          const w = (await tx.use(DISPATCH_STORE).warehouses.get('hz'))!;
          w.update({ name: 'Renamed', priority: 7 });
          w.defineDeliveryRegions([{ tier: 1, regions: [R.zhejiang], estimatedDeliveryDays: 0 }]);
          w.deactivate();
          await tx.use(DISPATCH_STORE).warehouses.save(w);
          expect(w.version).toBe(2);
        });
        const w = (await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.get('hz')))!.toSnapshot();
        expect(w).toMatchObject({ name: 'Renamed', priority: 7, status: 'inactive', version: 2 });
        expect(w.tiers).toEqual([{ tier: 1, regions: [R.zhejiang], estimatedDeliveryDays: 0 }]);
      });

      it('CONCURRENCY.STALE_AGGREGATE: a stale copy, or creating an id that exists, is rejected', async () => {
        await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.save(full()));
        const mine = (await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.get('hz')))!;
        const theirs = (await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.get('hz')))!;
        theirs.update({ name: 'Theirs' });
        await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.save(theirs));
        mine.update({ name: 'Mine' });
        expect(await codeOf(inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.save(mine)))).toBe('CONCURRENCY.STALE_AGGREGATE');
        expect(await codeOf(inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.save(aWarehouse('hz', { fields: { code: 'OTHER' } }))))).toBe(
          'CONCURRENCY.STALE_AGGREGATE',
        );
        expect((await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.get('hz')))!.toSnapshot().name).toBe('Theirs');
      });

      it('DISPATCH.DUPLICATE_WAREHOUSE_CODE: a save that raced past codeTaken is refused, on create and on update', async () => {
        await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.save(aWarehouse('a', { fields: { code: 'HZ-1' } })));
        await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.save(aWarehouse('b', { fields: { code: 'HZ-2' } })));
        await expect(inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.save(aWarehouse('c', { fields: { code: 'HZ-1' } })))).rejects.toMatchObject({
          code: 'DISPATCH.DUPLICATE_WAREHOUSE_CODE',
          details: { code: 'HZ-1' },
        });
        const b = (await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.get('b')))!;
        b.update({ code: 'HZ-1' });
        expect(await codeOf(inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.save(b)))).toBe('DISPATCH.DUPLICATE_WAREHOUSE_CODE');
        expect((await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.all())).map((w) => w.id)).toEqual(['a', 'b']);
      });

      it('lists every warehouse, or the active ones, by code in code-unit order', async () => {
        await inTx(p(), async (tx) => {
          await tx.use(DISPATCH_STORE).warehouses.save(aWarehouse('w1', { fields: { code: 'b-2' } }));
          await tx.use(DISPATCH_STORE).warehouses.save(aWarehouse('w2', { fields: { code: 'B_1' }, status: 'inactive' }));
          await tx.use(DISPATCH_STORE).warehouses.save(aWarehouse('w3', { fields: { code: 'A-9' } }));
          await tx.use(DISPATCH_STORE).warehouses.save(aWarehouse('w4', { fields: { code: 'b-10' } }));
        });
        const all = await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.all());
        expect(all.map((w) => w.toSnapshot().code)).toEqual(['A-9', 'B_1', 'b-10', 'b-2']);
        expect(all.every((w) => w instanceof Warehouse)).toBe(true);
        expect((await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.active())).map((w) => w.id)).toEqual(['w3', 'w4', 'w1']);
      });

      it('knows which codes are taken, except by a given warehouse, case-sensitively', async () => {
        await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.save(aWarehouse('a', { fields: { code: 'HZ' } })));
        const taken = (code: string, except?: string) => inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.codeTaken(code, except));
        expect([await taken('HZ'), await taken('HZ', 'a'), await taken('HZ', 'b'), await taken('hz'), await taken('GZ')]).toEqual([
          true,
          false,
          true,
          false,
          false,
        ]);
      });

      it('reads its own writes inside the transaction, and a rollback leaves nothing', async () => {
        await inTx(p(), async (tx) => {
          await tx.use(DISPATCH_STORE).warehouses.save(full());
          expect((await tx.use(DISPATCH_STORE).warehouses.get('hz'))?.version).toBe(1);
          expect((await tx.use(DISPATCH_STORE).warehouses.active()).map((w) => w.id)).toEqual(['hz']);
          expect(await tx.use(DISPATCH_STORE).warehouses.codeTaken('HZ')).toBe(true);
        });
        await expect(
          inTx(p(), async (tx) => {
            await tx.use(DISPATCH_STORE).warehouses.save(aWarehouse('gz'));
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await inTx(p(), (tx) => tx.use(DISPATCH_STORE).warehouses.get('gz'))).toBeNull();
      });
    });
  });
}
