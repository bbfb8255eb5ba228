import type { AfterSalesStore } from '../../../../application/after-sales/store.js';
import { AfterSalesRequest, type AfterSalesRequests, type RequestSnapshot } from '../../../../domain/after-sales/index.js';
import type { MemoryTransactionState } from '../memory-transaction.js';

const REQUESTS = 'afterSalesRequests';

/** The after-sales store of one memory transaction. */
export const memoryAfterSalesStore = (tx: MemoryTransactionState): AfterSalesStore => ({ requests: new MemoryAfterSalesRequests(tx) });

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

  /** Memory transactions run one at a time: nothing to wait for. */
  async lockOrder(): Promise<void> {}

  async lockOrderOfRequest(requestId: string): Promise<boolean> {
    return (await this.get(requestId)) !== null;
  }
}
