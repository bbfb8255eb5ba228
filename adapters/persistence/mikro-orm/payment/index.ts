import { PAYMENT_STORE } from '../../../../application/payment/store.js';
import { pgStore, type PostgresContextPart } from '../context-part.js';
import { Migration20261122110001_payments } from './migrations/Migration20261122110001_payments.js';
import { Migration20261220000000_payment_ledger } from './migrations/Migration20261220000000_payment_ledger.js';
import { PaymentLedgerSchema } from './movements.js';
import { PaymentChannelTransactionSchema, PaymentOrderSchema, PaymentSchema } from './records.js';
import { pgPaymentStore } from './repositories.js';

/** The payment context on PostgreSQL: `payment`, `payment_order`, `payment_channel_transaction`, and `payment_ledger` (PAY-3: the money movements, kept by a trigger on `payment`). */
export const paymentPostgres: PostgresContextPart = {
  entities: [PaymentSchema, PaymentOrderSchema, PaymentChannelTransactionSchema, PaymentLedgerSchema],
  migrations: [
    { name: 'Migration20261122110001_payments', class: Migration20261122110001_payments },
    { name: 'Migration20261220000000_payment_ledger', class: Migration20261220000000_payment_ledger },
  ],
  stores: [pgStore(PAYMENT_STORE, pgPaymentStore)],
};
