import type { AfterSalesWindow, RequestType } from './eligibility.js';
import type { AfterSalesRequest, RequestStatus } from './request.js';

/** Port: after-sales requests, optimistic by version like every aggregate; saving records the request's events. */
export interface AfterSalesRequests {
  get(id: string): Promise<AfterSalesRequest | null>;
  save(request: AfterSalesRequest): Promise<void>;
  /** Every request of the order, oldest first. */
  ofOrder(orderId: string): Promise<AfterSalesRequest[]>;
  /** The member's requests, newest first. */
  ofMember(memberId: string): Promise<AfterSalesRequest[]>;
  /** Staff search, newest first. */
  search(q: RequestSearch): Promise<AfterSalesRequest[]>;
  /**
   * Makes requests on one order one at a time: a transaction that called it holds the order until it
   * ends, and another that calls it waits (PostgreSQL: an advisory lock of the transaction; memory: its
   * transactions run one at a time anyway). Opening a request reads what the order's live requests hold
   * and adds to it, so two opened at once could otherwise both take the same units.
   */
  lockOrder(orderId: string): Promise<void>;
  /** `lockOrder` on the order of a request, in one step: the order's id, or null (nothing held) when there is no such request. */
  lockOrderOfRequest(requestId: string): Promise<string | null>;
}

export interface RequestSearch {
  readonly status?: RequestStatus;
  readonly type?: RequestType;
  readonly shopId?: string;
  readonly orderId?: string;
  /** Opened at or after. */
  readonly from?: Date;
  /** Opened before. */
  readonly to?: Date;
  readonly limit: number;
}

/** Port: each shop's after-sales window after completion (AFS-1: 7 or 15 days; none set: 7). */
export interface AfterSalesSettings {
  windowOf(shopId: string): Promise<AfterSalesWindow | null>;
  setWindow(shopId: string, days: AfterSalesWindow): Promise<void>;
}
