import type { RequestSnapshot } from '../../domain/after-sales/index.js';
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
