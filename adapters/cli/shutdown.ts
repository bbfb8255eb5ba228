import type { Server } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import { withinDeadline } from '../../application/shared/unavailable.js';
import type { Logger } from '../http/express/logger.js';

export interface ShutdownSteps {
  readonly server: Server;
  /** How long requests in flight may take to finish before their connections are closed. */
  readonly drainMs: number;
  /**
   * How long a connection with no request in progress is left open after the signal (default 1000 ms):
   * a request already on its way (sent, not yet read) is still served, with `Connection: close`.
   */
  readonly idleGraceMs?: number;
  /**
   * How long the listener stays open after the signal (default 250 ms), so that connections the kernel
   * had already queued are accepted rather than reset. Readiness answers 503 from the signal on.
   */
  readonly lingerMs?: number;
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
 * the server stops listening (after `lingerMs`), requests in flight finish (to `drainMs`, then their connections are
 * closed) while the job runner and periodic timers stop, then the pool closes and the process exits 0.
 * A second signal exits at once (1).
 *
 * Node's own `server.close()` destroys at once every connection whose request it has not begun to read,
 * including one whose request is already in its buffer: under load that cuts requests sent before the
 * signal. So connections are tracked here: after the signal each answer closes its connection, and a
 * connection with nothing in progress is closed only once it has stayed so for `idleGraceMs`.
 */
export class GracefulShutdown {
  private started = false;
  private signalledAt = 0;
  /** Open connections: requests in progress on each, and since when it has had none. */
  private readonly connections = new Map<Socket, { busy: number; idleSince: number }>();

  constructor(private readonly steps: ShutdownSteps) {
    const { server } = steps;
    server.on('connection', (socket: Socket) => {
      this.connections.set(socket, { busy: 0, idleSince: Date.now() });
      socket.once('close', () => this.connections.delete(socket));
    });
    // First of the request listeners: before the app has written anything.
    server.prependListener('request', (req, res) => {
      const c = this.connections.get(req.socket);
      if (c) c.busy++;
      if (this.started) res.setHeader('connection', 'close');
      res.once('close', () => {
        if (c) {
          c.busy--;
          c.idleSince = Date.now();
        }
      });
    });
  }

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
    this.signalledAt = Date.now();
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
    const graceMs = this.steps.idleGraceMs ?? 1_000;
    logger.info('shutting down: draining requests in flight', { signal, drainMs, connections: this.connections.size });
    // Connections already made when the signal came but not yet taken from the kernel's queue (the event
    // loop was busy) would be reset by closing the listener: keep listening a moment, and one more turn
    // of the loop after it, so that they are accepted (and answered with `Connection: close`).
    await new Promise((resolve) => setTimeout(resolve, this.steps.lingerMs ?? 250));
    await new Promise((resolve) => setImmediate(resolve));
    // Stop listening, without http.Server#close's destruction of connections it has not read yet.
    const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    const sweep = setInterval(() => this.closeIdle(graceMs), Math.min(50, graceMs));
    const work = this.steps.stopWork();
    const drained = await withinDeadline(closed, drainMs, () => new Error('drain deadline')).then(
      () => true,
      () => false,
    );
    clearInterval(sweep);
    if (!drained) {
      logger.error('drain deadline passed: closing the connections left', { drainMs, connections: this.connections.size });
      for (const socket of this.connections.keys()) socket.destroy();
      await closed;
    }
    await work;
    await this.steps.close();
    logger.info('shut down', { signal, durationMs: Date.now() - this.signalledAt });
  }

  /** Closes the connections that have had no request in progress for `graceMs` since the signal. */
  private closeIdle(graceMs: number): void {
    const now = Date.now();
    for (const [socket, c] of this.connections) {
      if (c.busy === 0 && now - Math.max(c.idleSince, this.signalledAt) >= graceMs) socket.destroy();
    }
  }
}
