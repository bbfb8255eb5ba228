import type { PaymentLedger } from '../../domain/payment/ledger.js';
import type { Payments } from '../../domain/payment/ports.js';
import { storeKey } from '../shared/store.js';

/** The payment context's repositories in one transaction (never exported from the context's index). */
export interface PaymentStore {
  /** Payments (交易记录) of one order or combined over several. Saving records the payment's events. */
  readonly payments: Payments;
  /** PAY-3: the records each channel carried, settled in a time window (reconciliation reads them through `settledRecords`). */
  readonly ledger: PaymentLedger;
}

export const PAYMENT_STORE = storeKey<PaymentStore>('payment');
