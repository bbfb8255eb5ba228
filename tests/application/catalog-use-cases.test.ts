import { CATALOG_QUERIES } from '../../application/catalog/read-model.js';
import { CATALOG_STORE } from '../../application/catalog/store.js';
import { describe, expect, it } from 'vitest';
import { findSkus, findSpu, findSpus } from '../../application/catalog/index.js';
import { createZhongtai } from '../../index.js';
import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import type { DomainEvent } from '../../domain/shared/domain-event.js';
import { aPhoneSpu } from '../support/mothers.js';

async function aListedTea(zt = createZhongtai()) {
  const leaf = await zt.catalog.createCategory({ name: 'Tea' });
  const spu = await zt.catalog.createSpu({ code: 'TEA1', title: 'Longjing', categoryId: leaf.id, salePrice: '128.00' });
  return { zt, leaf, spu };
}

describe('catalog use cases on memory', () => {
  it('CAT-2: a front category cannot be moved under itself or one of its descendants', async () => {
    const zt = createZhongtai();
    const a = await zt.catalog.createFrontCategory({ name: 'A' });
    const b = await zt.catalog.createFrontCategory({ name: 'B', parentId: a.id });
    const c = await zt.catalog.createFrontCategory({ name: 'C', parentId: b.id });
    for (const parentId of [a.id, c.id]) {
      await expect(zt.catalog.updateFrontCategory({ frontCategoryId: a.id, parentId })).rejects.toMatchObject({ code: 'CATALOG.INVALID_PARENT' });
    }
    expect((await zt.catalog.queries.frontCategories()).find((f) => f.id === a.id)?.parentId).toBeNull();
    await expect(zt.catalog.updateFrontCategory({ frontCategoryId: c.id, parentId: a.id })).resolves.toMatchObject({ parentId: a.id });
  });

  it('updating a product changes only its title, description and tags', async () => {
    const { zt, spu } = await aListedTea();
    const updated = await zt.catalog.updateSpu({ spuId: spu.id, title: 'Xihu Longjing' });
    expect(Object.keys(updated).sort()).toEqual(Object.keys(spu).sort());
    expect(updated).toMatchObject({ title: 'Xihu Longjing', version: spu.version + 1 });
  });

  it('events are published after commit, and not at all when the use case fails', async () => {
    const { zt, spu } = await aListedTea();
    const seen: DomainEvent[] = [];
    zt.events.subscribe('*', (e) => {
      seen.push(e);
    });
    await zt.catalog.changeListing({ spuId: spu.id, action: 'list' });
    await expect(zt.catalog.changeListing({ spuId: spu.id, action: 'list' })).rejects.toMatchObject({ code: 'CATALOG.INVALID_STATUS_CHANGE' });
    expect(seen.map((e) => e.type)).toEqual(['catalog.spu.listed']);
  });

  it('a publisher failure after commit does not fail the use case; the events wait for the next drain', async () => {
    const persistence = memoryPersistence();
    const delivered: string[] = [];
    let failing = true;
    const publisher = {
      publish: async (events: readonly DomainEvent[]) => {
        if (failing) throw new Error('broker down');
        delivered.push(...events.map((e) => e.type));
      },
    };
    const uow = persistence.unitOfWork(publisher);
    const zt = createZhongtai({ persistence });
    const leaf = await zt.catalog.createCategory({ name: 'Tea' });
    const errors: unknown[] = [];
    const origError = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      await uow.run(async (tx) => {
        const c = await tx.use(CATALOG_STORE).categories.get(leaf.id);
        c!.rename('Green tea');
        await tx.use(CATALOG_STORE).categories.save(c!);
        tx.recordEvents([{ type: 'test.renamed', aggregateId: leaf.id, occurredAt: new Date(), payload: {} }]);
      });
    } finally {
      console.error = origError;
    }
    expect(errors).toHaveLength(1);
    expect((await zt.catalog.queries.categoryTree())[0]?.name).toBe('Green tea');
    failing = false;
    expect(await persistence.drainOutbox(publisher)).toBe(1);
    expect(delivered).toEqual(['test.renamed']);
  });

  it('zt.catalog.queries is the persistence’s read side itself, exposed on the facade beside the use cases (issue #13)', async () => {
    const persistence = memoryPersistence();
    const { zt, spu } = await aListedTea(createZhongtai({ persistence }));
    expect(zt.catalog.queries).toBe(persistence.readModel(CATALOG_QUERIES));
    expect((await zt.catalog.queries.spu(spu.id))?.code).toBe('TEA1');
  });

  it('the published reads answer inside the caller’s transaction, its own writes included; unknown ids are absent', async () => {
    const persistence = memoryPersistence();
    const { spu: tea } = await aListedTea(createZhongtai({ persistence }));
    const answers = await persistence.unitOfWork({ publish: async () => {} }).run(async (tx) => {
      const phone = aPhoneSpu();
      await tx.use(CATALOG_STORE).spus.save(phone);
      return {
        skus: await findSkus(tx, [phone.skus[0]!.id, tea.skus[0]!.id, 'nope']),
        spus: (await findSpus(tx, [tea.id, phone.id, 'nope', tea.id])).map((s) => s.code).sort(),
        one: (await findSpu(tx, phone.id))?.version,
        none: await findSpu(tx, 'nope'),
      };
    });
    expect(answers.skus).toHaveLength(2);
    expect(answers.skus).toEqual(
      expect.arrayContaining([
        { skuId: 'sku-1', spuId: 'spu-phone', kind: 'standard' },
        { skuId: tea.skus[0]!.id, spuId: tea.id, kind: 'standard' },
      ]),
    );
    expect(answers).toMatchObject({ spus: ['PHONE1', 'TEA1'], one: 1, none: null });
  });
});
