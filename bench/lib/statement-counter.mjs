// A TCP relay in front of PostgreSQL that counts the statements clients send, read off the wire protocol
// (independent of the client): every simple Query ('Q') and every Execute ('E') message is one statement.
// The first message of a connection (startup or SSL request) has no type byte and is skipped.
import net from 'node:net';

/**
 * `statementCounter(url)` relays to `url` and counts; with `{ keep: true }` it also keeps each statement's
 * text in `counts.texts` (a Query's string; for an Execute, the text of the statement its Bind named).
 */
export async function statementCounter(target, { keep = false } = {}) {
  const counts = { statements: 0, texts: [] };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    let started = false;
    let pending = Buffer.alloc(0);
    const prepared = new Map(); // statement name → text, as Parse declared it on this connection
    let bound = '';
    client.on('data', (chunk) => {
      upstream.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        if (!started) {
          if (pending.length < 4) break;
          const length = pending.readInt32BE(0);
          if (pending.length < length) break;
          const code = pending.readInt32BE(4);
          pending = pending.subarray(length);
          if (code !== 80877103) started = true; // an SSL request is followed by the real startup message
          continue;
        }
        if (pending.length < 5) break;
        const length = pending.readInt32BE(1);
        if (pending.length < 1 + length) break;
        const type = String.fromCharCode(pending[0]);
        if (type === 'Q' || type === 'E') {
          counts.statements += 1;
          if (keep) counts.texts.push(type === 'Q' ? cString(pending, 5) : bound);
        }
        if (keep && type === 'P') {
          // Parse: the statement's name, then its text.
          const name = cString(pending, 5);
          prepared.set(name, cString(pending, 5 + Buffer.byteLength(name) + 1));
        }
        // Bind: the portal's name, then the statement's.
        if (keep && type === 'B') bound = prepared.get(cString(pending, 5 + Buffer.byteLength(cString(pending, 5)) + 1)) ?? '';
        pending = pending.subarray(1 + length);
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.address().port, counts, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The NUL-terminated UTF-8 string of `buffer` at `offset`. */
function cString(buffer, offset) {
  const end = buffer.indexOf(0, offset);
  return buffer.toString('utf8', offset, end < 0 ? buffer.length : end);
}
