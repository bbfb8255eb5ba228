import { randomUUID } from 'node:crypto';
import { createServer, maxHeaderSize, type RequestListener, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem, type Problem } from './problem.js';

/** What each error of Node's HTTP parser is answered with; anything else is a malformed request. */
function parserProblem(code: string | undefined): Problem {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return problem(431, 'HTTP.HEADERS_TOO_LARGE', `the request headers are larger than ${maxHeaderSize} bytes (16 kB)`);
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return problem(413, 'HTTP.PAYLOAD_TOO_LARGE', 'the chunk extensions are larger than the limit');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return problem(408, 'HTTP.REQUEST_TIMEOUT', 'the request was not received in time');
    default:
      return problem(400, 'HTTP.MALFORMED_REQUEST', 'the request is not valid HTTP/1.1');
  }
}

/**
 * Answers the errors Node's HTTP parser raises before any Express code runs — headers over the 16 kB
 * limit (431), a malformed request line or header (400), a request timeout (408) — as RFC 9457
 * problem+json with a stable code and a request id, like every other answer, instead of Node's bare
 * status line. Returns the server.
 */
export function problemClientErrors<S extends Server>(server: S): S {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    // Like Node's own handler: write only where no response has started on this connection.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !inFlight?.headersSent) {
      const requestId = randomUUID();
      const p = parserProblem(error.code);
      const body = JSON.stringify({ ...p, requestId });
      socket.write(
        `HTTP/1.1 ${p.status} ${p.title}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  });
  return server;
}

/**
 * `app.listen(port, host)` with parser errors answered as problem+json (`problemClientErrors`):
 * resolves with the listening server.
 */
export function listen(app: RequestListener, port: number, host = '127.0.0.1'): Promise<Server> {
  const server = problemClientErrors(createServer(app));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
