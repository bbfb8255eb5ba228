import Stripe from 'stripe';
import { PAYMENT_ERROR, paymentNotFound } from '../../../../domain/payment/errors.js';
import type {
  ChannelCharge,
  ChannelPaymentStatus,
  ChannelRequest,
  ChargeRequest,
  PaymentChannel,
  VerifiedCallback,
  VerifiedRefundCallback,
} from '../../../../domain/payment/ports.js';
import type { StatementRecord } from '../../../../domain/payment/reconciliation.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import type { Money } from '../../../../domain/shared/money.js';
import { toStripeAmount } from './amounts.js';
import { checkedStripeConfig, type StripeConfig } from './config.js';
import { CHANNEL, calling } from './errors.js';
import { parseBalanceTransactionsCsv, recordOfBalanceTransaction, utcDay } from './statement.js';
import { paymentCallbackOf, refundCallbackOf, successOf, verifiedEvent } from './webhook.js';

/** How many payment numbers the channel remembers the intent of (a lookup saved; the Search API answers the rest). */
const REMEMBERED_INTENTS = 10_000;

type Intent = Stripe.PaymentIntent;
type Refund = Stripe.Refund;

/**
 * The Stripe channel, on the official SDK (decision 0036): a payment is a PaymentIntent (automatic
 * payment methods) whose `metadata.payment_number` is the payment's number, created under the
 * idempotency key `pi-<number>` so a retried charge answers the same intent; the payer's app confirms
 * it with the `clientSecret`. The success comes as the signed `payment_intent.succeeded` webhook; a
 * refund is a Refund with `metadata.refund_id`, made under `re-<refund id>`, its outcome told by
 * `refund.updated`. Failures to reach Stripe are retried by the SDK (`maxNetworkRetries`, same key),
 * then PAYMENT.CHANNEL_UNAVAILABLE.
 */
export class StripePaymentChannel implements PaymentChannel {
  readonly name = CHANNEL;
  private readonly stripe: Stripe;
  private readonly config: ReturnType<typeof checkedStripeConfig>;
  private readonly intentOfNumber = new Map<string, string>();

  constructor(config: StripeConfig) {
    this.config = checkedStripeConfig(config);
    const api = this.config.api;
    this.stripe = new Stripe(this.config.secretKey, {
      maxNetworkRetries: this.config.maxNetworkRetries,
      timeout: this.config.timeoutMs,
      telemetry: false,
      appInfo: { name: 'zhongtai' },
      ...(api?.host ? { host: api.host } : {}),
      ...(api?.port ? { port: api.port } : {}),
      ...(api?.protocol ? { protocol: api.protocol } : {}),
    });
  }

  async charge(p: ChargeRequest): Promise<ChannelCharge> {
    const { amount, currency } = toStripeAmount(p.amount);
    const intent = await calling('create the PaymentIntent', () =>
      this.stripe.paymentIntents.create(
        { amount, currency, description: p.description, metadata: { payment_number: p.paymentNumber }, automatic_payment_methods: { enabled: true } },
        { idempotencyKey: `pi-${p.paymentNumber}` },
      ),
    );
    if (!intent.client_secret) throw new Error(`Stripe answered PaymentIntent ${intent.id} without a client secret`);
    this.remember(p.paymentNumber, intent.id);
    return { channel: CHANNEL, payUrl: null, params: { clientSecret: intent.client_secret, paymentIntentId: intent.id } };
  }

  /** `payment_intent.succeeded`, signed (the body read is the signed raw body, not `body`). */
  verifyCallback(_body: unknown, request?: ChannelRequest): VerifiedCallback {
    const verified = paymentCallbackOf(verifiedEvent(request, this.webhookOptions()));
    this.remember(verified.paymentNumber, verified.callback.channelTransactionId);
    return verified;
  }

  /** `refund.updated` / `refund.failed` / `charge.refunded`, signed alike (with the refund endpoint's secret when it has its own). */
  verifyRefundCallback(_body: unknown, request?: ChannelRequest): VerifiedRefundCallback {
    return refundCallbackOf(verifiedEvent(request, { ...this.webhookOptions(), secret: this.config.refundWebhookSecret }));
  }

  /** One endpoint may get every event: refunds' (`refund.*`, `charge.refunded`) are refund notifications, read from the type before any check. */
  isRefundNotification(body: unknown): boolean {
    const type = body !== null && typeof body === 'object' ? (body as { type?: unknown }).type : undefined;
    return typeof type === 'string' && (type.startsWith('refund.') || type === 'charge.refunded');
  }

  /**
   * A Refund of the intent (the paid transaction; found by its number when not known). Idempotent per
   * refund id: the intent's refunds are read first (Stripe's current state: an idempotent replay would
   * answer the first response, not a later failure) and one of this refund id that is not failed is
   * the answer; else a new one is created under the key `re-<refund id>` — `re-<refund id>-<n>` when
   * Stripe failed n−1 before, the same n on every retry — so a retry never refunds twice.
   */
  async refund(r: { paymentNumber: string; refundId: string; channelTransactionId: string | null; amount: Money }): Promise<{
    refundTransactionId: string;
    processing?: boolean;
  }> {
    const intentId = r.channelTransactionId ?? (await this.findIntent(r.paymentNumber))?.id;
    if (!intentId) throw paymentNotFound(r.paymentNumber);
    const { amount } = toStripeAmount(r.amount);
    const attempts: Refund[] = [];
    await calling('list the Refunds', async () => {
      for await (const x of this.stripe.refunds.list({ payment_intent: intentId, limit: 100 })) if (x.metadata?.refund_id === r.refundId) attempts.push(x);
    });
    const refund =
      attempts.find((x) => !isFailed(x)) ??
      (await calling('create the Refund', () =>
        this.stripe.refunds.create(
          { payment_intent: intentId, amount, metadata: { refund_id: r.refundId, payment_number: r.paymentNumber } },
          { idempotencyKey: attempts.length === 0 ? `re-${r.refundId}` : `re-${r.refundId}-${attempts.length + 1}` },
        ),
      ));
    if (isFailed(refund)) {
      throw DomainError.conflict(PAYMENT_ERROR.CHANNEL_UNAVAILABLE, `stripe: refund ${r.refundId} failed (${refund.id}); try again`, {
        channel: CHANNEL,
        retryable: true,
        refundTransactionId: refund.id,
      });
    }
    return { refundTransactionId: refund.id, processing: refund.status === 'pending' || refund.status === 'requires_action' };
  }

  /** The intent's state: succeeded → paid (fully refunded: refunded), canceled → closed, any other → unpaid. PAYMENT.NOT_FOUND when Stripe has none. */
  async query(paymentNumber: string): Promise<ChannelPaymentStatus> {
    const intent = await this.findIntent(paymentNumber);
    if (!intent) throw paymentNotFound(paymentNumber);
    if (intent.status === 'canceled') return { state: 'closed' };
    if (intent.status !== 'succeeded') return { state: 'unpaid' };
    const { callback } = successOf(intent as unknown as Record<string, unknown>, new Date(intent.created * 1000));
    const charge = intent.latest_charge;
    const refunded = typeof charge === 'object' && charge !== null && charge.refunded;
    return { state: refunded ? 'refunded' : 'paid', callback };
  }

  /**
   * Cancels the intent, so the payer can no longer pay it. Canceled already, or never made at Stripe:
   * nothing to do. Succeeded: PAYMENT.INVALID_TRANSITION (409, reason PAID_AT_CHANNEL) — the payer paid,
   * the payment must not be closed here but completed (`query`). An intent Stripe will not cancel yet
   * (processing) is PAYMENT.CHANNEL_UNAVAILABLE, retryable.
   */
  async close(paymentNumber: string): Promise<void> {
    const intent = await this.findIntent(paymentNumber);
    if (!intent || intent.status === 'canceled') return;
    const paid = (i: Intent) =>
      DomainError.conflict(PAYMENT_ERROR.INVALID_TRANSITION, `payment ${paymentNumber} was paid at Stripe (${i.id}): it is not closed`, {
        channel: CHANNEL,
        reason: 'PAID_AT_CHANNEL',
        from: 'paid',
        to: 'closed',
        channelTransactionId: i.id,
      });
    if (intent.status === 'succeeded') throw paid(intent);
    try {
      await calling('cancel the PaymentIntent', () => this.stripe.paymentIntents.cancel(intent.id));
    } catch (e) {
      const now = await calling('retrieve the PaymentIntent', () => this.stripe.paymentIntents.retrieve(intent.id));
      if (now.status === 'canceled') return;
      if (now.status === 'succeeded') throw paid(now);
      throw e;
    }
  }

  /** Balance transactions created on the UTC day, every page, their sources expanded → payments and refunds (decision 0036). */
  async statement(day: string): Promise<StatementRecord[]> {
    const { gte, lt } = utcDay(day);
    const lines: Stripe.BalanceTransaction[] = [];
    await calling('list the balance transactions', async () => {
      for await (const bt of this.stripe.balanceTransactions.list({ created: { gte, lt }, limit: 100, expand: ['data.source'] })) lines.push(bt);
    });
    const numbers = new Map<string, string | undefined>();
    const intentNumber = async (id: string) => {
      if (!numbers.has(id)) {
        const intent = await calling('retrieve the PaymentIntent', () => this.stripe.paymentIntents.retrieve(id));
        numbers.set(id, intent.metadata?.payment_number);
      }
      return numbers.get(id);
    };
    const out: StatementRecord[] = [];
    for (const bt of lines) {
      const r = await recordOfBalanceTransaction(bt as unknown as Record<string, unknown>, intentNumber);
      if (r) out.push(r);
    }
    return out;
  }

  parseStatement(file: Uint8Array): StatementRecord[] {
    return parseBalanceTransactionsCsv(file);
  }

  /**
   * The intent of a payment number: the one this process made or was told of, else by the Search API
   * (`metadata['payment_number']`; Stripe indexes within about a minute) — a succeeded one first, else
   * the newest. Its latest charge expanded (the time it was paid).
   */
  private async findIntent(paymentNumber: string): Promise<Intent | null> {
    const known = this.intentOfNumber.get(paymentNumber);
    if (known) return calling('retrieve the PaymentIntent', () => this.stripe.paymentIntents.retrieve(known, { expand: ['latest_charge'] }));
    const quoted = paymentNumber.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
    const found: Intent[] = [];
    await calling('search the PaymentIntents', async () => {
      for await (const i of this.stripe.paymentIntents.search({
        query: `metadata['payment_number']:'${quoted}'`,
        limit: 100,
        expand: ['data.latest_charge'],
      })) {
        if (i.metadata?.payment_number === paymentNumber) found.push(i);
      }
    });
    const intent = found.find((i) => i.status === 'succeeded') ?? found.sort((a, b) => b.created - a.created)[0] ?? null;
    if (intent) this.remember(paymentNumber, intent.id);
    return intent;
  }

  private remember(paymentNumber: string, intentId: string): void {
    this.intentOfNumber.delete(paymentNumber);
    this.intentOfNumber.set(paymentNumber, intentId);
    if (this.intentOfNumber.size > REMEMBERED_INTENTS) this.intentOfNumber.delete(this.intentOfNumber.keys().next().value!);
  }

  private webhookOptions() {
    return { secret: this.config.webhookSecret, toleranceSeconds: this.config.webhookToleranceSeconds, now: this.config.now() };
  }
}

const isFailed = (r: Refund) => r.status === 'failed' || r.status === 'canceled';
