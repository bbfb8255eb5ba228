import type { AfterSalesRequest, Inspection, RequestSnapshot } from '../../domain/after-sales/index.js';
import { Money } from '../../domain/shared/money.js';
import { changeStockOfOrders, receiveReturnedUnits } from '../inventory/index.js';
import { requestOfExchangeOrderId } from '../../domain/ordering/index.js';
import { cancelUnpaidOrder, orderForAfterSales, placeExchangeOrder } from '../ordering/index.js';
import type { UseCaseDeps } from '../shared/deps.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { AFTER_SALES_JOB } from './jobs.js';
import { requireRequest } from './lookups.js';
import { AFTER_SALES_STORE } from './store.js';

/**
 * The steps of a request after it was opened, each one transaction: staff review it, the member
 * withdraws it or ships the goods back, the warehouse receives them, an agent adjusts the refund.
 * The request's own rules decide (AFTER_SALES.INVALID_TRANSITION, AMOUNT_ABOVE_REFUNDABLE …).
 */
abstract class RequestStep<C extends { readonly requestId: string }> {
  constructor(protected readonly d: UseCaseDeps) {}

  execute(cmd: C): Promise<RequestSnapshot> {
    return this.d.uow.run(async (tx) => {
      const request = await requireRequest(tx, cmd.requestId, this.memberOf(cmd));
      this.apply(request, cmd, this.d.clock.now());
      await tx.use(AFTER_SALES_STORE).requests.save(request);
      await this.afterSave(tx, request, cmd);
      return request.toSnapshot();
    });
  }

  /** The member the request must be of (member-facing steps), or undefined (staff). */
  protected memberOf(_cmd: C): string | undefined {
    return undefined;
  }

  protected abstract apply(request: AfterSalesRequest, cmd: C, now: Date): void;

  /** What the step does in the same transaction once the request is saved (nothing by default). */
  protected async afterSave(_tx: Transaction, _request: AfterSalesRequest, _cmd: C): Promise<void> {}
}

/**
 * 审核: approve, or reject with a reason (staff). An approved cancel request cancels its unpaid order
 * (ordering's `cancelUnpaidOrder`: ORDER.INVALID_TRANSITION when it was paid meanwhile, nothing written).
 * An approved return or exchange waits for the member's parcel until its ship-back time: the durable
 * `after-sales.ship-back-timeout` job is scheduled with it.
 */
export class ReviewAfterSalesRequest extends RequestStep<{
  readonly requestId: string;
  readonly staffId: string;
  readonly approve: boolean;
  readonly reason?: string;
}> {
  protected apply(r: AfterSalesRequest, cmd: { staffId: string; approve: boolean; reason?: string }, now: Date): void {
    if (cmd.approve) r.approve(cmd.staffId, now);
    else r.reject(cmd.staffId, cmd.reason ?? '', now);
  }

  protected override async afterSave(tx: Transaction, r: AfterSalesRequest): Promise<void> {
    const s = r.toSnapshot();
    // A cancel request on an unpaid order succeeds by cancelling the order (ordering releases what it held).
    if (s.type === 'cancel' && s.status === 'succeeded') {
      await cancelUnpaidOrder(tx, this.d, { memberId: s.memberId, orderId: s.orderId, reason: `after-sales ${s.id}`, at: this.d.clock.now() });
      return;
    }
    if (s.status !== 'awaiting_customer_shipment' || s.shipBackBy === null) return;
    const kind = AFTER_SALES_JOB.SHIP_BACK_TIMEOUT;
    await tx.jobs.schedule({ kind, key: `${kind}:${s.id}`, runAt: s.shipBackBy, payload: { requestId: s.id } });
  }
}

/** 撤销: the member takes the request back (under review, or before shipping the goods). */
export class WithdrawAfterSalesRequest extends RequestStep<{ readonly requestId: string; readonly memberId: string }> {
  protected override memberOf(cmd: { memberId: string }): string {
    return cmd.memberId;
  }
  protected apply(r: AfterSalesRequest, _cmd: unknown, now: Date): void {
    r.withdraw(now);
  }
}

/** 寄回: the member ships the goods back (carrier and tracking number). */
export class ShipBackAfterSalesGoods extends RequestStep<{
  readonly requestId: string;
  readonly memberId: string;
  readonly carrier: string;
  readonly trackingNumber: string;
}> {
  protected override memberOf(cmd: { memberId: string }): string {
    return cmd.memberId;
  }
  protected apply(r: AfterSalesRequest, cmd: { carrier: string; trackingNumber: string }, now: Date): void {
    r.shipBack({ carrier: cmd.carrier, trackingNumber: cmd.trackingNumber }, now);
  }
}

/**
 * 收货验货: the returned goods arrived, inspected sellable or damaged (staff). Sellable units go back on
 * sale in the same transaction (the sales layer's `return`, under `<order>:<sku>:<request>`, so each
 * request's units come back once); damaged ones do not.
 */
export interface ReceiveGoodsCommand {
  readonly requestId: string;
  readonly staffId: string;
  readonly inspection: Inspection;
  /** Where the goods were put away, for a shop that keeps its warehouses' stock here (else only the sales layer moves). */
  readonly putAway?: { readonly warehouseId: string; readonly location: string };
}

/**
 * 收货验货: the returned goods arrived and were inspected (staff). Put away at a warehouse location
 * (`putAway`): inventory receives them there, damaged ones kept apart as unusable (`receiveReturnedUnits`);
 * sellable ones go back on sale in the sales layer under `<order>:<sku>:<request>`, once. An exchange's
 * new units become an order of their own, pending shipment with their stock sold (ordering's
 * `placeExchangeOrder`); when it ships, the request succeeds (`CompleteExchange`).
 */
export class ReceiveAfterSalesGoods extends RequestStep<ReceiveGoodsCommand> {
  protected apply(r: AfterSalesRequest, cmd: ReceiveGoodsCommand, now: Date): void {
    r.receive(cmd.inspection, cmd.staffId, now);
  }

  protected override async afterSave(tx: Transaction, r: AfterSalesRequest, cmd: ReceiveGoodsCommand): Promise<void> {
    const s = r.toSnapshot();
    const order = await orderForAfterSales(tx, s.orderId);
    const skuOf = new Map(order?.lines.map((l) => [l.lineId, l.skuId]));
    const lines = s.quote.lines.map((l) => ({ orderId: s.orderId, skuId: skuOf.get(l.lineId)!, quantity: l.quantity, part: s.id }));
    if (cmd.putAway) await receiveReturnedUnits(tx, this.d, { ...cmd.putAway, damaged: s.inspection === 'damaged' }, lines);
    if (s.inspection === 'sellable') await changeStockOfOrders(tx, this.d, 'return', lines);
    if (s.type === 'exchange') {
      // The new units ship as an order of their own (ordering's exchange order), numbered by its place among the order's exchanges.
      const exchanges = (await tx.use(AFTER_SALES_STORE).requests.ofOrder(s.orderId)).filter((q) => q.toSnapshot().type === 'exchange');
      const sequence = exchanges.findIndex((q) => q.id === s.id) + 1;
      await placeExchangeOrder(tx, this.d, { orderId: s.orderId, requestId: s.id, sequence, lines: s.quote.lines, at: this.d.clock.now() });
    }
  }
}

/** 调整退款: an agent sets the refund and/or adds freight compensation, saying why (AFS-2, audited). */
export class AdjustAfterSalesRefund extends RequestStep<{
  readonly requestId: string;
  readonly staffId: string;
  readonly why: string;
  readonly amount?: string;
  readonly freightCompensation?: string;
}> {
  protected apply(r: AfterSalesRequest, cmd: { staffId: string; why: string; amount?: string; freightCompensation?: string }, now: Date): void {
    const currency = r.toSnapshot().quote.refundable.currency;
    r.adjust({
      by: cmd.staffId,
      why: cmd.why,
      at: now,
      ...(cmd.amount !== undefined ? { amount: Money.of(cmd.amount, currency) } : {}),
      ...(cmd.freightCompensation !== undefined ? { freightCompensation: Money.of(cmd.freightCompensation, currency) } : {}),
    });
  }
}

/**
 * The exchange order of a request shipped (`order.exchange-shipped` of `x-<request>`): the request succeeds with
 * its parcel. Idempotent: a request no longer awaiting its exchange shipment stays as it is; any other
 * order's shipment is not after-sales' (null).
 */
export class CompleteExchange {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly orderId: string; readonly carrier: string; readonly trackingNumber: string }): Promise<RequestSnapshot | null> {
    const requestId = requestOfExchangeOrderId(cmd.orderId);
    if (requestId === null) return Promise.resolve(null);
    return this.d.uow.run(async (tx) => {
      const requests = tx.use(AFTER_SALES_STORE).requests;
      const request = await requests.get(requestId);
      if (!request) return null;
      if (request.status === 'awaiting_exchange_shipment') {
        request.exchangeShipped({ carrier: cmd.carrier, trackingNumber: cmd.trackingNumber }, this.d.clock.now());
        await requests.save(request);
      }
      return request.toSnapshot();
    });
  }
}
