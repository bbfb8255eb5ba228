import type { UnavailableError } from '../../../application/shared/unavailable.js';
import type { Logger } from './logger.js';

export interface OutageLogOptions {
  /** An outage is over once no request was answered unavailable for this long (default 5000 ms). */
  readonly quietMs?: number;
}

/**
 * Logs unavailability once per burst (decision 0024): one error line when requests start being answered
 * 503, with the first failure's reason and cause in one line (no stack), and one info line with how many
 * were answered so once none has been for `quietMs`. An outage of thousands of requests is two lines.
 */
export class OutageLog {
  private readonly quietMs: number;
  private count = 0;
  private since = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly logger: Logger,
    options: OutageLogOptions = {},
  ) {
    this.quietMs = Math.max(1, options.quietMs ?? 5_000);
  }

  /** One request (or job, or probe) could not be served. */
  failed(error: UnavailableError): void {
    if (this.count === 0) {
      this.since = Date.now();
      this.logger.error('service unavailable', { reason: error.reason, error: oneLine(error.cause ?? error) });
    }
    this.count++;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.quietMs);
    this.timer.unref?.();
  }

  /** Ends the burst now (e.g. at shutdown): its count is logged. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.count === 0) return;
    this.logger.info('service available again', { unavailable: this.count, durationMs: Date.now() - this.since });
    this.count = 0;
  }
}

/** `Name: message (code)`, never a stack. */
function oneLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${error.name}: ${error.message}${typeof code === 'string' ? ` (${code})` : ''}`;
}
