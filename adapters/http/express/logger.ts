/** Structured logs: one JSON object per line. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const jsonLogger = (write: (line: string) => void = (l) => process.stdout.write(l)): Logger => ({
  info: (msg, fields) => write(`${JSON.stringify({ level: 'info', time: new Date().toISOString(), msg, ...fields })}\n`),
  error: (msg, fields) => write(`${JSON.stringify({ level: 'error', time: new Date().toISOString(), msg, ...fields })}\n`),
});

export const silentLogger: Logger = { info: () => {}, error: () => {} };
