import type { InvoicingChannel, IssueAnswer, IssuedFapiao, IssueRequest } from '../../../domain/invoice/index.js';
import { systemClock, type Clock } from '../../../domain/shared/ports.js';

export interface FakeInvoicingOptions {
  /** The clock late answers are timed by (the composition root passes zhongtai's). */
  readonly clock?: Clock;
  /** Answer late: a request is "pending" until this long after it was first sent (default 0: at once). */
  readonly lateMs?: number;
}

/**
 * A fake invoicing channel (电子发票服务平台) for demo mode and tests, configured by name — never a
 * default. It behaves as the port says a channel does: one fapiao per request number (sending it again
 * answers the same one), late answers ("pending" until `lateMs` passed), and on demand the two kinds of
 * failure: `failNext(n)` — the next n calls throw, as an unreachable channel or a 5xx does — and
 * `rejectNext(reason)` — the next call is refused (bad buyer data, say). A red invoice must name an
 * issued fapiao of its own channel, else it is refused.
 */
export class FakeInvoicingChannel implements InvoicingChannel {
  readonly name = 'fake';
  private readonly clock: Clock;
  private readonly lateMs: number;
  private readonly issued = new Map<string, IssuedFapiao>();
  private readonly firstSeen = new Map<string, Date>();
  private failing = 0;
  private rejecting: string | null = null;
  private sequence = 0;
  /** Every request received, in order (retries and polls included). */
  readonly calls: IssueRequest[] = [];

  constructor(options: FakeInvoicingOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.lateMs = options.lateMs ?? 0;
  }

  /** The next `n` calls throw (the channel unreachable, or answering 5xx). */
  failNext(n = 1): void {
    this.failing += n;
  }

  /** The next call is refused with `reason`. */
  rejectNext(reason: string): void {
    this.rejecting = reason;
  }

  /** The fapiao issued for a request number, if any. */
  fapiaoOf(requestNumber: string): IssuedFapiao | undefined {
    return this.issued.get(requestNumber);
  }

  /** Every fapiao it issued, by request number. */
  get fapiaos(): ReadonlyMap<string, IssuedFapiao> {
    return this.issued;
  }

  async issue(request: IssueRequest): Promise<IssueAnswer> {
    this.calls.push(request);
    if (this.failing > 0) {
      this.failing -= 1;
      throw new Error('fake invoicing channel: 503 Service Unavailable');
    }
    const done = this.issued.get(request.requestNumber);
    if (done) return { outcome: 'issued', fapiao: done };
    if (this.rejecting !== null) {
      const reason = this.rejecting;
      this.rejecting = null;
      return { outcome: 'rejected', reason };
    }
    if (request.kind === 'red' && ![...this.issued.values()].some((f) => f.code === request.reverses?.code && f.number === request.reverses?.number)) {
      return { outcome: 'rejected', reason: 'a red invoice must reverse a fapiao this channel issued' };
    }
    const now = this.clock.now();
    const first = this.firstSeen.get(request.requestNumber) ?? now;
    this.firstSeen.set(request.requestNumber, first);
    if (now.getTime() - first.getTime() < this.lateMs) return { outcome: 'pending' };
    this.sequence += 1;
    const fapiao: IssuedFapiao = { code: '044001900111', number: String(this.sequence).padStart(8, '0'), issuedAt: now };
    this.issued.set(request.requestNumber, fapiao);
    return { outcome: 'issued', fapiao };
  }
}

/** The fake channel, by name: `createZhongtai({ invoice: { channel: fakeInvoicingChannel() } })`. */
export const fakeInvoicingChannel = (options: FakeInvoicingOptions = {}): FakeInvoicingChannel => new FakeInvoicingChannel(options);
