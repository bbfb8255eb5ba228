import type { UseCaseDeps } from '../shared/deps.js';
import { CATALOG_STORE } from './store.js';

/** Applies due scheduled listings and unlistings (CAT-3); run periodically by the host (the CLI every few seconds). */
export class ApplyDueListingSchedules {
  constructor(private readonly d: UseCaseDeps) {}

  /** Up to `batch` due products in one transaction; returns how many it handled. */
  execute(batch = 100): Promise<number> {
    return this.d.uow.run(async (tx) => {
      const spus = tx.use(CATALOG_STORE).spus;
      const now = this.d.clock.now();
      const due = await spus.dueForSchedule(now, batch);
      for (const spu of due) {
        spu.applyDueSchedule(now);
        await spus.save(spu);
      }
      return due.length;
    });
  }
}
