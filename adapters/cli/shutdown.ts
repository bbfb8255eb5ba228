import type { Server } from 'node:http';
import { withinDeadline } from '../../application/shared/unavailable.js';
import type { Logger } from '../http/express/logger.js';

export interface ShutdownSteps {
  readonly server: Server;
  /** How long requests in flight may take to finish before their connections are closed. */
  readonly drainMs: number;
  /** Stops background work (the job runner, periodic timers), while requests drain. */
  readonly stopWork: () => Promise<void>;
  /** Closes what is left (the database pool), once requests and work are done. */
  readonly close: () => Promise<void>;
  readonly logger: Logger;
  readonly exit: (code: number) => void;
}

/** The signals that stop `serve`: SIGHUP (the terminal closed) shuts down like SIGTERM. */
export const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

/**
 * Graceful shutdown of `serve` (decision 0024). The first signal: readiness turns 503 (`shuttingDown`),
 * the server stops accepting connections, requests in flight finish (to `drainMs`, then their
 * connections are closed) while the job runner and periodic timers stop, then the pool closes and the
 * process exits 0. A second signal exits at once (1).
 */
export class GracefulShutdown {
  private started = false;

  constructor(private readonly steps: ShutdownSteps) {}

  get shuttingDown(): boolean {
    return this.started;
  }

  /** Handles SIGTERM, SIGINT and SIGHUP from now on. */
  listen(): void {
    for (const name of STOP_SIGNALS) process.on(name, () => this.signal(name));
  }

  signal(name: string): void {
    if (this.started) {
      this.steps.logger.error('second signal: exiting at once', { signal: name });
      this.steps.exit(1);
      return;
    }
    this.started = true;
    this.run(name).then(
      () => this.steps.exit(0),
      (error: unknown) => {
        this.steps.logger.error('shutdown failed', { error: String(error) });
        this.steps.exit(1);
      },
    );
  }

  private async run(signal: string): Promise<void> {
    const { server, drainMs, logger } = this.steps;
    logger.info('shutting down: draining requests in flight', { signal, drainMs });
    const started = Date.now();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Responses in flight end their keep-alive connections; new requests on them are told to close.
    server.prependListener('request', (_req, res) => void (res.headersSent || res.setHeader('connection', 'close')));
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const work = this.steps.stopWork();
    const drained = await withinDeadline(closed, drainMs, () => new Error('drain deadline')).then(
      () => true,
      () => false,
    );
    clearInterval(idle);
    if (!drained) {
      logger.error('drain deadline passed: closing the connections left', { drainMs });
      server.closeAllConnections();
      await closed;
    }
    await work;
    await this.steps.close();
    logger.info('shut down', { signal, durationMs: Date.now() - started });
  }
}
