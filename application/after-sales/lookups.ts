import { AFTER_SALES_ERRORS, type AfterSalesRequest } from '../../domain/after-sales/index.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { AFTER_SALES_STORE } from './store.js';

/** The request, as its member sees it (another member's: not found), or as staff do (`memberId` undefined). */
export async function requireRequest(tx: Transaction, requestId: string, memberId?: string): Promise<AfterSalesRequest> {
  const request = await tx.use(AFTER_SALES_STORE).requests.get(requestId);
  if (!request || (memberId !== undefined && request.toSnapshot().memberId !== memberId)) {
    throw AFTER_SALES_ERRORS.raise('REQUEST_NOT_FOUND', `no after-sales request ${requestId}`, { requestId });
  }
  return request;
}
