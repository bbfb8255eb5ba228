import { PAYMENT_STORE } from '../../../../application/payment/store.js';
import { pgStore, type PostgresContextPart } from '../context-part.js';
import { Migration20261122110001_payments } from './migrations/Migration20261122110001_payments.js';
import { PaymentChannelTransactionSchema, PaymentOrderSchema, PaymentSchema } from './records.js';
import { pgPaymentStore } from './repositories.js';

/** The payment context on PostgreSQL: `payment`, `payment_order`, `payment_channel_transaction`. */
export const paymentPostgres: PostgresContextPart = {
  entities: [PaymentSchema, PaymentOrderSchema, PaymentChannelTransactionSchema],
  migrations: [{ name: 'Migration20261122110001_payments', class: Migration20261122110001_payments }],
  stores: [pgStore(PAYMENT_STORE, pgPaymentStore)],
};
