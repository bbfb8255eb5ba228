import { CATALOG_QUERIES } from '../../../application/catalog/read-model.js';
import { CATALOG_STORE } from '../../../application/catalog/store.js';
import { describe, expect, it, vi } from 'vitest';
import { CreateSpu } from '../../../application/catalog/index.js';
import type { Spus } from '../../../domain/catalog/ports.js';
import type { StoreKey } from '../../../application/shared/store.js';
import type { Transaction, UnitOfWork } from '../../../application/shared/unit-of-work.js';
import { aLeafCategory, aRootCategory, sequentialIds, T0 } from '../../support/mothers.js';
import { codeOf, inTx, meetingPoint, RecordingPublisher, type CurrentPersistence } from './support.js';

const event = (n: number) => ({
  type: 'test.happened',
  aggregateId: `agg-${n}`,
  occurredAt: new Date(T0.getTime() + n),
  payload: { n, nested: { list: [1, 'two'] } },
});
/** What saving a new root category records: a store's `save` records the aggregate's pending events (issue #13). */
const categoryCreated = (id: string) => ({ type: 'catalog.category.created', aggregateId: id, occurredAt: T0, payload: { name: 'Digital', parentId: null } });

/** UnitOfWork: one transaction per run, all or nothing, events only after commit (via the outbox). */
export function unitOfWorkContract(current: CurrentPersistence): void {
  describe('UnitOfWork', () => {
    it('commits the work and returns its result; events are published after commit, unchanged', async () => {
      const publisher = new RecordingPublisher();
      let seenWhilePublishing: unknown;
      publisher.whilePublishing = async () => {
        seenWhilePublishing = (await current().readModel(CATALOG_QUERIES).categoryTree()).map((c) => c.id);
      };
      const result = await current()
        .unitOfWork(publisher)
        .run(async (tx) => {
          await tx.use(CATALOG_STORE).categories.save(aRootCategory('c1'));
          tx.recordEvents([event(1), event(2)]);
          expect(publisher.published).toEqual([]); // not before commit
          return 'done';
        });
      expect(result).toBe('done');
      expect(seenWhilePublishing).toEqual(['c1']); // the data was committed when the events went out
      expect(publisher.published).toEqual([categoryCreated('c1'), event(1), event(2)]);
      expect(await current().drainOutbox(publisher)).toBe(0); // nothing left over
    });

    it('rolls back everything when the work throws: no writes, no events, the same error', async () => {
      const publisher = new RecordingPublisher();
      const failure = new Error('boom');
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.save(aRootCategory('kept')));
      const run = current()
        .unitOfWork(publisher)
        .run(async (tx) => {
          await tx.use(CATALOG_STORE).categories.save(aRootCategory('c1'));
          const kept = (await tx.use(CATALOG_STORE).categories.get('kept'))!;
          kept.rename('Changed');
          await tx.use(CATALOG_STORE).categories.save(kept);
          tx.recordEvents([event(1)]);
          throw failure;
        });
      await expect(run).rejects.toBe(failure);
      expect(await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.get('c1'))).toBeNull();
      expect((await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.get('kept')))!.toSnapshot()).toMatchObject({ name: 'Digital', version: 1 });
      expect(publisher.published).toEqual([]);
      expect(await current().drainOutbox(publisher)).toBe(0);
    });

    it('rolls back the whole transaction on CONCURRENCY.STALE_AGGREGATE', async () => {
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.save(aRootCategory('c1')));
      const code = codeOf(
        inTx(current(), async (tx) => {
          await tx.use(CATALOG_STORE).categories.save(aRootCategory('c2'));
          await tx.use(CATALOG_STORE).categories.save(aRootCategory('c1')); // version 0 again: stale
        }),
      );
      expect(await code).toBe('CONCURRENCY.STALE_AGGREGATE');
      expect(await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.get('c2'))).toBeNull();
    });

    it('a publisher failing after commit: the change stands, reported; drainOutbox publishes the events later', async () => {
      const failing = new RecordingPublisher();
      failing.failWith = new Error('broker down');
      const reported = vi.spyOn(console, 'error').mockImplementation(() => {}); // both adapters' default report
      const result = await current()
        .unitOfWork(failing)
        .run(async (tx) => {
          await tx.use(CATALOG_STORE).categories.save(aRootCategory('c1'));
          tx.recordEvents([event(1), event(2)]);
          return 'committed';
        });
      expect(result).toBe('committed');
      expect(reported).toHaveBeenCalledWith('event publication failed:', failing.failWith);
      reported.mockRestore();
      expect(await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.get('c1'))).not.toBeNull();
      await expect(current().drainOutbox(failing)).rejects.toThrow('broker down');
      const later = new RecordingPublisher();
      expect(await current().drainOutbox(later)).toBe(3);
      // Events recorded without an id get one when drained from PostgreSQL's outbox (`outbox-<row>`, issue #13); memory keeps them as stored.
      expect(later.published).toMatchObject([categoryCreated('c1'), event(1), event(2)]);
      expect(await current().drainOutbox(later)).toBe(0);
    });

    it('two transactions creating the same SKU code: exactly one wins, the other gets CATALOG.DUPLICATE_SKU_CODE', async () => {
      await inTx(current(), async (tx) => {
        const leaf = aLeafCategory([]);
        await tx.use(CATALOG_STORE).categories.save(leaf);
      });
      const meet = meetingPoint(2);
      const createSpu = new CreateSpu({
        uow: meetAtSave(current().unitOfWork(new RecordingPublisher()), meet),
        ids: { next: sequentialIds('race') },
        clock: { now: () => T0 },
      });
      const attempt = (code: string) =>
        createSpu.execute({ code, title: code, categoryId: 'smartphones', salePrice: '10.00', skus: [{ specs: {}, code: 'SAME-SKU' }] });
      const results = await Promise.allSettled([attempt('RACE-A'), attempt('RACE-B')]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
      expect(lost.reason).toMatchObject({ code: 'CATALOG.DUPLICATE_SKU_CODE', kind: 'conflict' });
      expect((await current().readModel(CATALOG_QUERIES).searchSpus({}, { page: 1, size: 10 })).total).toBe(1);
    });
  });
}

/** Holds every `spus.save` at the meeting point, so that racing transactions both pass their checks first. */
function meetAtSave(uow: UnitOfWork, meet: () => Promise<void>): UnitOfWork {
  return {
    run: (work) =>
      uow.run((tx) => {
        const store = tx.use(CATALOG_STORE);
        const spus = new Proxy(store.spus, {
          get: (target, prop: keyof Spus) =>
            prop === 'save' ? async (...args: Parameters<Spus['save']>) => (await meet(), target.save(...args)) : target[prop].bind(target),
        });
        const use = (<S>(key: StoreKey<S>): S => (key === CATALOG_STORE ? ({ ...store, spus } as S) : tx.use(key))) as Transaction['use'];
        return work({ ...tx, use, recordEvents: (events) => tx.recordEvents(events) });
      }),
  };
}
