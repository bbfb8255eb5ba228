import type { AfterSalesStore } from '../../../../application/after-sales/store.js';
import {
  AfterSalesRequest,
  type AfterSalesRequests,
  type AfterSalesSettings,
  type AfterSalesWindow,
  type RequestSearch,
  type RequestSnapshot,
} from '../../../../domain/after-sales/index.js';
import type { MemoryTransactionState } from '../memory-transaction.js';

const REQUESTS = 'afterSalesRequests';
const SETTINGS = 'afterSalesSettings';

/** The after-sales store of one memory transaction. */
export const memoryAfterSalesStore = (tx: MemoryTransactionState): AfterSalesStore => ({
  requests: new MemoryAfterSalesRequests(tx),
  settings: new MemoryAfterSalesSettings(tx),
});

const byOpened = (a: RequestSnapshot, b: RequestSnapshot) => a.openedAt.getTime() - b.openedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** After-sales requests in memory (table `afterSalesRequests`), optimistic like every aggregate. */
export class MemoryAfterSalesRequests implements AfterSalesRequests {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<AfterSalesRequest | null> {
    const s = this.tx.read<RequestSnapshot>(REQUESTS, id);
    return s ? AfterSalesRequest.restore(s) : null;
  }

  async save(request: AfterSalesRequest): Promise<void> {
    request.markSaved(this.tx.write(REQUESTS, request.toSnapshot()));
    this.tx.record(request.pullEvents());
  }

  async ofOrder(orderId: string): Promise<AfterSalesRequest[]> {
    return this.tx
      .rows<RequestSnapshot>(REQUESTS)
      .filter((s) => s.orderId === orderId)
      .sort(byOpened)
      .map((s) => AfterSalesRequest.restore(s));
  }

  async ofMember(memberId: string): Promise<AfterSalesRequest[]> {
    return this.tx
      .rows<RequestSnapshot>(REQUESTS)
      .filter((s) => s.memberId === memberId)
      .sort((a, b) => byOpened(b, a))
      .map((s) => AfterSalesRequest.restore(s));
  }

  async search(q: RequestSearch): Promise<AfterSalesRequest[]> {
    return this.tx
      .rows<RequestSnapshot>(REQUESTS)
      .filter(
        (s) =>
          (q.status === undefined || s.status === q.status) &&
          (q.type === undefined || s.type === q.type) &&
          (q.shopId === undefined || s.shopId === q.shopId) &&
          (q.orderId === undefined || s.orderId === q.orderId) &&
          (q.from === undefined || s.openedAt >= q.from) &&
          (q.to === undefined || s.openedAt < q.to),
      )
      .sort((a, b) => byOpened(b, a))
      .slice(0, q.limit)
      .map((s) => AfterSalesRequest.restore(s));
  }

  /** Memory transactions run one at a time: nothing to wait for. */
  async lockOrder(): Promise<void> {}

  async lockOrderOfRequest(requestId: string): Promise<string | null> {
    return (await this.get(requestId))?.toSnapshot().orderId ?? null;
  }
}

/** Each shop's after-sales window in memory (table `afterSalesSettings`, keyed by shop id). */
export class MemoryAfterSalesSettings implements AfterSalesSettings {
  constructor(private readonly tx: MemoryTransactionState) {}

  async windowOf(shopId: string): Promise<AfterSalesWindow | null> {
    return this.tx.read<{ windowDays: AfterSalesWindow }>(SETTINGS, shopId)?.windowDays ?? null;
  }

  async setWindow(shopId: string, days: AfterSalesWindow): Promise<void> {
    const version = this.tx.read<{ version: number }>(SETTINGS, shopId)?.version ?? 0;
    const row = { id: shopId, windowDays: days, version };
    this.tx.write(SETTINGS, row);
  }
}
