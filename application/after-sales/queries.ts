import {
  checkPeriod,
  checkWindow,
  DEFAULT_WINDOW_DAYS,
  requestStatistics,
  type AfterSalesStatistics,
  type AfterSalesWindow,
  type RequestSearch,
  type RequestSnapshot,
} from '../../domain/after-sales/index.js';
import { unitsSold } from '../ordering/index.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireRequest } from './lookups.js';
import { AFTER_SALES_STORE } from './store.js';

/** The member's requests, newest first. */
export class ListMemberAfterSalesRequests {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly memberId: string }): Promise<RequestSnapshot[]> {
    return this.d.uow.run(async (tx) => (await tx.use(AFTER_SALES_STORE).requests.ofMember(cmd.memberId)).map((r) => r.toSnapshot()));
  }
}

/** One request: the member's own (`memberId` given), or any (staff). AFTER_SALES.REQUEST_NOT_FOUND otherwise. */
export class GetAfterSalesRequest {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly requestId: string; readonly memberId?: string }): Promise<RequestSnapshot> {
    return this.d.uow.run(async (tx) => (await requireRequest(tx, cmd.requestId, cmd.memberId)).toSnapshot());
  }
}

/** Staff search: by status, type, shop, order and time opened [from, to), newest first (at most `limit`). */
export class SearchAfterSalesRequests {
  constructor(private readonly d: UseCaseDeps) {}

  execute(q: RequestSearch): Promise<RequestSnapshot[]> {
    return this.d.uow.run(async (tx) => (await tx.use(AFTER_SALES_STORE).requests.search(q)).map((r) => r.toSnapshot()));
  }
}

/**
 * The statistics of the requests opened in [from, to) (at most 366 days, AFTER_SALES.INVALID_PERIOD),
 * of one shop or all: by type and reason, and per shop and product what was asked and refunded
 * (`requestStatistics`), with the refund rate against the units sold in the period (ordering's `unitsSold`).
 */
export class AfterSalesRequestStatistics {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly from: Date; readonly to: Date; readonly shopId?: string; readonly currency?: string }): Promise<AfterSalesStatistics> {
    return this.d.uow.run(async (tx) => {
      checkPeriod(cmd.from, cmd.to);
      const requests = await tx.use(AFTER_SALES_STORE).requests.search({
        from: cmd.from,
        to: cmd.to,
        ...(cmd.shopId !== undefined ? { shopId: cmd.shopId } : {}),
        limit: Number.MAX_SAFE_INTEGER,
      });
      const sold = await unitsSold(tx, { from: cmd.from, to: cmd.to });
      return requestStatistics(
        requests.map((r) => r.toSnapshot()),
        cmd.from,
        cmd.to,
        cmd.currency ?? 'CNY',
        cmd.shopId === undefined ? sold : sold.filter((s) => s.shopId === cmd.shopId),
      );
    });
  }
}

/** A shop's after-sales window after completion (AFS-1): 7 days unless it set 15. */
export class GetAfterSalesWindow {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly shopId: string }): Promise<{ shopId: string; windowDays: AfterSalesWindow }> {
    return this.d.uow.run(async (tx) => ({
      shopId: cmd.shopId,
      windowDays: (await tx.use(AFTER_SALES_STORE).settings.windowOf(cmd.shopId)) ?? DEFAULT_WINDOW_DAYS,
    }));
  }
}

/** Staff set a shop's after-sales window (AFS-1: 7 or 15 days, else AFTER_SALES.INVALID_WINDOW); requests opened from then on use it. */
export class SetAfterSalesWindow {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly shopId: string; readonly windowDays: number }): Promise<{ shopId: string; windowDays: AfterSalesWindow }> {
    return this.d.uow.run(async (tx) => {
      const days = checkWindow(cmd.windowDays);
      await tx.use(AFTER_SALES_STORE).settings.setWindow(cmd.shopId, days);
      return { shopId: cmd.shopId, windowDays: days };
    });
  }
}
