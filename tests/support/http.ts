import type { AddressInfo } from 'node:net';
import type { CheckoutModuleOptions } from '../../adapters/container/checkout.js';
import type { OrderingModuleOptions } from '../../adapters/container/ordering.js';
import type { InvoiceModuleOptions } from '../../adapters/container/invoice.js';
import { fakePaymentChannel } from '../../adapters/channels/payment/fake-channel.js';
import type { Server } from 'node:http';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import type { AnyContext } from '../../adapters/container/module.js';
import { createApp, Hs256Authenticator, type Identity, listen, type Logger, signToken, silentLogger } from '../../adapters/http/express/index.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { mikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { testDatabase } from './postgres.js';
import type { Clock } from '../../domain/shared/ports.js';

export const TEST_SECRET = 'test-secret-of-at-least-16-chars';

export interface TestServer {
  readonly url: string;
  readonly zt: Zhongtai;
  readonly staffToken: string;
  readonly memberToken: string;
  token(identity: Identity): string;
  /** fetch relative to the server, JSON body and bearer token handled. */
  request(
    method: string,
    path: string,
    options?: { body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    headers: Headers;
    body: any;
  }>;
  close(): Promise<void>;
}

/**
 * Starts the real HTTP service on an ephemeral port (memory persistence unless one is given).
 * `clock` replaces the system clock of the use cases (e.g. a manual clock for scheduled listing).
 */
let backend: 'memory' | 'postgresql' = 'memory';

/**
 * Makes `startTestServer()` without a persistence run on PostgreSQL (a fresh database per server:
 * DATABASE_URL's server, or an in-memory PGlite), so one HTTP suite runs on both adapters.
 */
export function useHttpBackend(kind: 'memory' | 'postgresql'): void {
  backend = kind;
}

/** Server options: the fake payment channel and its page, as the demo mode of `serve` has them (a test asks for them by name). */
export const fakePayments = (): { ordering: OrderingModuleOptions; fakePaymentPage: true } => ({
  ordering: { channels: [fakePaymentChannel()] },
  fakePaymentPage: true,
});

export async function startTestServer(
  given?: Persistence,
  options: {
    clock?: Clock;
    checkout?: CheckoutModuleOptions;
    ordering?: OrderingModuleOptions;
    invoice?: InvoiceModuleOptions;
    fakePaymentPage?: boolean;
    logger?: Logger;
    contexts?: readonly AnyContext[];
  } = {},
): Promise<TestServer> {
  let persistence = given;
  let dropDatabase = async () => {};
  if (!persistence && backend === 'postgresql') {
    const db = await testDatabase();
    persistence = await mikroOrmPersistence(db.options);
    dropDatabase = async () => {
      await persistence!.close();
      await db.drop();
    };
  }
  const zt = createZhongtai({
    ...(persistence ? { persistence } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.checkout ? { checkout: options.checkout } : {}),
    ...(options.ordering ? { ordering: options.ordering } : {}),
    ...(options.invoice ? { invoice: options.invoice } : {}),
    ...(options.contexts ? { contexts: options.contexts } : {}),
  }) as Zhongtai;
  // Every answer of every HTTP test is held to the documented contract (decision 0023).
  const app = createApp({
    zhongtai: zt,
    authenticator: new Hs256Authenticator(TEST_SECRET),
    logger: options.logger ?? silentLogger,
    fakePaymentPage: options.fakePaymentPage ?? false,
    checkResponses: true,
  });
  const server: Server = await listen(app, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = (identity: Identity) => signToken(identity, TEST_SECRET);
  return {
    url,
    zt,
    token,
    staffToken: token({ subject: 'staff-1', kind: 'staff', roles: ['catalog'] }),
    memberToken: token({ subject: 'member-1', kind: 'member', roles: [] }),
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const res = await fetch(url + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      const answer = parsed as { code?: unknown; detail?: unknown } | undefined;
      if (res.status === 500 && answer?.code === 'HTTP.RESPONSE_CONTRACT') throw new Error(`${method} ${path}: ${String(answer.detail)}`);
      return { status: res.status, headers: res.headers, body: parsed };
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dropDatabase();
    },
  };
}

/** Two catalog SKUs on a new leaf category, Longjing (128.00) and Biluochun (98.00): the HTTP suites' stock to work on. */
export async function twoTeaSkus(zt: TestServer['zt']): Promise<[string, string]> {
  const leaf = await zt.catalog.createCategory({ name: 'Tea' });
  const a = (await zt.catalog.createSpu({ code: 'TEA-A', title: 'Longjing', categoryId: leaf.id, salePrice: '128.00' })).skus[0]!.id;
  const b = (await zt.catalog.createSpu({ code: 'TEA-B', title: 'Biluochun', categoryId: leaf.id, salePrice: '98.00' })).skus[0]!.id;
  return [a, b];
}
