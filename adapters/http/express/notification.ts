import express, { type Request, type RequestHandler } from 'express';

/**
 * Channels' notifications at the HTTP edge (issue #16). WeChat Pay v3 and Stripe sign the body's exact
 * bytes, Alipay posts form fields, and each expects its own acknowledgement: a route marked
 * `notification` reads the body whatever its type, hands the handler the body's text and the headers
 * (`RouteContext.raw`) beside the parsed body, and may answer a `TextAnswer`.
 */

/** The exact bytes of JSON requests, kept while the request lives (the JSON parser's `verify` hook; no copy). */
const rawBodies = new WeakMap<Request, Buffer>();

/** For the JSON parser: keeps the bytes it parsed, for a notification route to read. */
export function keepRawBody(req: Request, _res: unknown, buf: Buffer): void {
  rawBodies.set(req, buf);
}

/** Reads a notification's body that the JSON parser left alone (form fields, text …) as text, up to `limit`. */
export function notificationBody(limit: string): RequestHandler {
  return express.text({ type: () => true, limit });
}

/** What a notification route's handler is given: the body parsed (JSON, or form fields as an object of strings) and as it arrived. */
export function notificationInput(req: Request): { body: unknown; raw: { body: string; headers: Record<string, string | undefined> } } {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  if (typeof req.body === 'string') {
    const body = req.is('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(req.body)) : req.body;
    return { body, raw: { body: req.body, headers } };
  }
  return { body: req.body, raw: { body: rawBodies.get(req)?.toString('utf8') ?? '', headers } };
}

/** An answer sent as it is, with its content type, instead of JSON (Alipay's `success`). */
export class TextAnswer {
  constructor(
    readonly contentType: string,
    readonly body: string,
  ) {}
}
