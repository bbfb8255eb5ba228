import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { Zhongtai } from '../../container/create-zhongtai.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { isUnavailable, type UnavailableError } from '../../../application/shared/unavailable.js';
import { checkReadiness, requestDeadline, requestTimedOut } from './availability.js';
import { OutageLog } from './outage-log.js';
import type { Authenticator, Identity } from './auth.js';
import { fakePaymentRoutes } from './payment/index.js';
import { identityRoutes } from './identity-routes.js';
import { serviceRoutes } from './service-routes.js';
import { checkAnswer, checkRejection } from './contract.js';
import { jsonLogger, type Logger } from './logger.js';
import { openApiDocument } from './openapi.js';
import { HttpProblem, problem, STATUS_BY_KIND, type Problem } from './problem.js';
import type { Route } from './route.js';
import { CONTEXTS } from '../../container/contexts.js';
import { hasRole, routeRoleProblems } from './roles.js';
import { rejectInvalidText, validate } from './validation.js';
import { keepRawBody, notificationBody, notificationInput, TextAnswer } from './notification.js';

export interface HttpOptions {
  readonly zhongtai: Zhongtai;
  /** Who is calling; see `Hs256Authenticator` for the default bearer tokens. */
  readonly authenticator: Authenticator;
  readonly logger?: Logger;
  /** Largest accepted JSON body (default 100kb). */
  readonly bodyLimit?: string;
  /** Extra routes of the host, validated and documented the same way. */
  readonly routes?: readonly Route[];
  /** Mounts the fake channel's payment page (demo mode and tests; needs the fake channel). Default off: the path is a 404. */
  readonly fakePaymentPage?: boolean;
  /**
   * Check every answer against the contract (default off; the test suite turns it on): a successful
   * answer's wire form must match its route's `response` schema, and a 4xx code must be declared in its
   * route's `errors` (when it declares them) or be generic. A breach answers 500 HTTP.RESPONSE_CONTRACT
   * listing the issues, and is logged.
   */
  readonly checkResponses?: boolean;
  /** A request not answered within this many ms is answered 503 (default 30000; 0 = no deadline). */
  readonly requestTimeoutMs?: number;
  /** How long `GET /ready` waits for the database (default 1000 ms). */
  readonly readinessTimeoutMs?: number;
  /** True once the host began shutting down: `GET /ready` answers 503 from then on. */
  readonly isShuttingDown?: () => boolean;
  /** Where 503s are logged, once per burst (default: an OutageLog on `logger`); share it with the host's jobs. */
  readonly outages?: OutageLog;
}

/** The routes of the service itself (health, readiness, the OpenAPI document, `GET /me`), before every context's. */
const SERVICE_ROUTES: readonly Route[] = [...serviceRoutes, ...identityRoutes];

/** Every route a zhongtai of these contexts answers, in the order they are matched. */
export function routesOf(contexts: readonly { readonly routes?: readonly Route[] }[]): Route[] {
  return [...SERVICE_ROUTES, ...contexts.flatMap((c) => c.routes ?? [])];
}

/** Every route the service answers with zhongtai's own contexts, in the order they are matched. */
export const allRoutes: readonly Route[] = routesOf(CONTEXTS);

const requestIds = new WeakMap<Request, string>();

/**
 * An Express router with the whole HTTP API: mount it into an existing app (`app.use('/shop', router)`)
 * or use `createApp`. It parses JSON with a size limit, tags requests with ids, logs one line per
 * request, and answers every error as RFC 9457 problem+json.
 */
export function createRouter(options: HttpOptions): express.Router {
  const logger = options.logger ?? jsonLogger();
  const routes = [...routesOf(options.zhongtai.contexts), ...(options.fakePaymentPage ? fakePaymentRoutes(options.zhongtai) : []), ...(options.routes ?? [])];
  const roleProblems = routeRoleProblems(routes);
  if (roleProblems.length > 0) throw new Error(`routes with unsound roles: ${roleProblems.join('; ')}`);
  const router = express.Router();
  const documentFor = documentsByPrefix(openApiDocument(routes, { title: 'zhongtai', version: '0.1.0' }));
  const outages = options.outages ?? new OutageLog(logger);

  router.use((req, res, next) => {
    const given = req.get('x-request-id');
    const requestId = given && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : randomUUID();
    requestIds.set(req, requestId);
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info('request', {
        requestId,
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      });
    });
    next();
  });
  router.use(requestDeadline(options.requestTimeoutMs ?? 30_000, (req, res) => sendUnavailable(req, res, requestTimedOut(), outages)));
  const limit = options.bodyLimit ?? '100kb';
  router.use(express.json({ limit, type: ['application/json', 'application/*+json'], verify: keepRawBody }));

  for (const r of routes) {
    if (r.notification) router[r.method](r.path, notificationBody(limit), handle(r, options, documentFor));
    else router[r.method](r.path, handle(r, options, documentFor));
  }
  // Unknown paths under the router are its own: a problem+json 404, wherever it is mounted.
  router.use((req, res) => sendProblem(req, res, problem(404, 'HTTP.NOT_FOUND', `no route ${req.method} ${req.baseUrl}${req.path}`)));
  router.use(errorHandler(logger, outages));
  return router;
}

/** The document with a `servers` entry for the prefix the router is mounted at, made once per prefix (at most 64 kept). */
function documentsByPrefix(doc: Record<string, unknown>): (baseUrl: string) => Record<string, unknown> {
  const cache = new Map<string, Record<string, unknown>>();
  return (baseUrl) => {
    const cached = cache.get(baseUrl);
    if (cached) return cached;
    const made = { ...doc, servers: [{ url: baseUrl === '' ? '/' : baseUrl }] };
    if (cache.size < 64) cache.set(baseUrl, made);
    return made;
  };
}

/** What a route may ask of the router serving it (`RouteContext.service`); a class, so a request makes one small object, not closures. */
class ServiceOfRequest {
  constructor(
    readonly baseUrl: string,
    private readonly options: HttpOptions,
    private readonly documentFor: (baseUrl: string) => Record<string, unknown>,
  ) {}

  document(): Record<string, unknown> {
    return this.documentFor(this.baseUrl);
  }

  /** Readiness, unlike /health: the database answers, and the service is not shutting down (decision 0024). */
  ready(): Promise<void> {
    const o = this.options;
    return checkReadiness(o.zhongtai.persistence, o.readinessTimeoutMs ?? 1_000, o.isShuttingDown?.() ?? false);
  }
}

function handle(r: Route, options: HttpOptions, documentFor: (baseUrl: string) => Record<string, unknown>): RequestHandler {
  const answer = async (req: Request, res: Response) => {
    const identity = await options.authenticator.authenticate(req.get('authorization'));
    authorize(r, identity);
    if (r.body && req.body === undefined && req.get('content-type') !== undefined && !req.is('application/json')) {
      throw new HttpProblem(415, 'HTTP.UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
    }
    const headers = r.headers ? pick(req.headers, Object.keys(r.headers.shape)) : {};
    const query = req.query ?? {}; // Express parses the query string on every read of req.query: read it once
    const notification = r.notification ? notificationInput(req) : null;
    const body = notification ? notification.body : req.body;
    rejectInvalidText({ params: req.params, query, headers, body });
    const result = await r.handler({
      params: validate(r.params, req.params, 'params'),
      query: validate(r.query, query, 'query'),
      body: validate(r.body, body, 'body'),
      headers: r.headers ? (validate(r.headers, headers, 'headers') as Record<string, unknown>) : {},
      identity,
      zt: options.zhongtai,
      service: new ServiceOfRequest(req.baseUrl, options, documentFor),
      clientIp: req.ip,
      ...(notification ? { raw: notification.raw } : {}),
    });
    if (res.headersSent) return; // answered 503 at the deadline meanwhile
    if (result instanceof TextAnswer) {
      res
        .status(r.status ?? 200)
        .type(result.contentType)
        .send(result.body);
      return;
    }
    if (options.checkResponses && r.status !== 204) checkAnswer(r, result);
    const status = r.status ?? 200;
    if (status === 204) res.status(204).end();
    else if (r.sharedAnswers && result !== null && typeof result === 'object') res.status(status).type('json').send(jsonOf(result));
    else res.status(status).json(result);
  };
  if (!options.checkResponses) return answer;
  return async (req, res) => {
    try {
      await answer(req, res);
    } catch (error) {
      checkRejection(r, toProblem(error));
      throw error;
    }
  };
}

const madeJson = new WeakMap<object, string>();

/** The JSON of a shared answer, made once per object (`Route.sharedAnswers`); kept only while the object lives. */
function jsonOf(answer: object): string {
  let json = madeJson.get(answer);
  if (json === undefined) {
    json = JSON.stringify(answer);
    madeJson.set(answer, json);
  }
  return json;
}

function pick(headers: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.flatMap((n) => (headers[n] === undefined ? [] : [[n, headers[n]]])));
}

/** Staff routes need a staff token with a listed role (or admin); member routes a member token. */
function authorize(r: Route, identity: Identity | null): void {
  if (r.access === 'public') return;
  if (!identity) throw new HttpProblem(401, 'AUTH.MISSING_TOKEN', 'this route needs a bearer token');
  if (identity.kind !== r.access) throw new HttpProblem(403, 'AUTH.FORBIDDEN', `this route is for ${r.access} tokens`);
  if (r.access === 'staff' && !hasRole(r, identity.roles)) {
    throw new HttpProblem(403, 'AUTH.FORBIDDEN', `this route needs one of the roles ${(r.roles ?? []).join(', ')}`);
  }
}

/** Body-parser failures carry a `type`; map them to stable codes. */
const PARSER_ERRORS: Readonly<Record<string, [number, string, string]>> = {
  'entity.parse.failed': [400, 'HTTP.MALFORMED_JSON', 'the body is not valid JSON'],
  'entity.too.large': [413, 'HTTP.PAYLOAD_TOO_LARGE', 'the body is larger than the limit'],
  'encoding.unsupported': [415, 'HTTP.UNSUPPORTED_ENCODING', 'the content encoding is not supported'],
  'charset.unsupported': [415, 'HTTP.UNSUPPORTED_CHARSET', 'the charset is not supported'],
  'request.aborted': [400, 'HTTP.REQUEST_ABORTED', 'the request was aborted'],
};

export function toProblem(error: unknown): Problem {
  if (error instanceof HttpProblem) return problem(error.status, error.code, error.message, error.extra);
  if (isUnavailable(error)) return problem(503, error.code, error.message, { details: { retryable: true, reason: error.reason } });
  if (isDomainError(error)) {
    return problem(STATUS_BY_KIND[error.kind], error.code, error.message, Object.keys(error.details).length ? { details: error.details } : {});
  }
  const type = (error as { type?: unknown })?.type;
  const parser = typeof type === 'string' ? PARSER_ERRORS[type] : undefined;
  if (parser) return problem(parser[0], parser[1], parser[2]);
  // Other client errors raised by Express itself carry a 4xx `status`: a path parameter that is not
  // valid percent-encoding (URIError from the router), a body that fails to decompress, …
  const status = (error as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return error instanceof URIError
      ? problem(400, 'HTTP.MALFORMED_URL', 'the URL is not valid percent-encoding')
      : problem(status, 'HTTP.BAD_REQUEST', 'the request cannot be read');
  }
  return problem(500, 'INTERNAL', 'an unexpected error occurred; it has been logged');
}

export function sendProblem(req: Request, res: Response, p: Problem): void {
  const requestId = requestIds.get(req);
  res
    .status(p.status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...p, instance: req.originalUrl, ...(requestId ? { requestId } : {}) }));
}

/** 503 with `Retry-After`, counted in the outage's burst instead of a log line of its own. */
function sendUnavailable(req: Request, res: Response, error: UnavailableError, outages: OutageLog): void {
  outages.failed(error);
  res.setHeader('Retry-After', String(error.retryAfterSeconds));
  sendProblem(req, res, toProblem(error));
}

function errorHandler(logger: Logger, outages: OutageLog): ErrorRequestHandler {
  return (error, req, res, next) => {
    // Answered already (503 at the deadline): the late failure changes nothing for the client; a bug is still logged.
    if (res.writableEnded) {
      if (!isUnavailable(error))
        logger.error('error after the answer was sent', { requestId: requestIds.get(req), error: error instanceof Error ? error.stack : String(error) });
      return;
    }
    if (res.headersSent) return next(error);
    if (isUnavailable(error)) return sendUnavailable(req, res, error, outages);
    const p = toProblem(error);
    if (p.status >= 500) {
      logger.error('unhandled error', { requestId: requestIds.get(req), error: error instanceof Error ? error.stack : String(error) });
    }
    sendProblem(req, res, p);
  };
}
