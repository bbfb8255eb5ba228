import { beforeEach, describe } from 'vitest';
import type { Persistence } from '../../application/shared/persistence.js';
import { catalogQueriesContract } from './contract/catalog-queries.js';
import { singleRowRepositoryContract } from './contract/single-row-repositories.js';
import { spuRepositoryContract } from './contract/spu-repository.js';
import type { ContractBackend } from './contract/support.js';
import { unitOfWorkContract } from './contract/unit-of-work.js';

export type { ContractBackend } from './contract/support.js';

/**
 * The catalog persistence contract: every repository port, CatalogQueries and the UnitOfWork,
 * written once and run against each adapter. `backend()` is awaited once; `fresh()` before each test.
 */
export function catalogContract(name: string, backend: () => Promise<ContractBackend>): void {
  describe(`catalog persistence contract — ${name}`, () => {
    let ready: Promise<ContractBackend> | undefined;
    let persistence: Persistence | undefined;
    const current = (): Persistence => {
      if (!persistence) throw new Error('no persistence: fresh() did not run');
      return persistence;
    };
    beforeEach(async () => {
      ready ??= backend();
      persistence = await (await ready).fresh();
    });

    singleRowRepositoryContract(current);
    spuRepositoryContract(current);
    catalogQueriesContract(current);
    unitOfWorkContract(current);
  });
}
