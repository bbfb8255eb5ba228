// Child processes running the TypeScript sources directly (Node's type stripping and
// tests/crash/ts-hooks.mjs, which maps the sources' `.js` imports to `.ts`), for tests that need a
// second process: a server, a CLI command, an embedding app.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hooks = fileURLToPath(new URL('../crash/ts-hooks.mjs', import.meta.url));

export interface TsChild {
  readonly process: ChildProcessWithoutNullStreams;
  readonly pid: number;
  /** What it printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when it exited, with its code or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first stdout line matching `pattern`; rejects if the child exits first or after `timeoutMs`. */
  line(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** `exited`, or SIGKILL after `timeoutMs` and an error saying so. */
  exitedWithin(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

/** SIGKILLs every child still running (a test's afterAll, whatever went wrong). */
export function killChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** Starts `node <script relative to the project root> ...args` with `env` added to this process's environment. */
export function spawnTs(script: string, args: readonly string[] = [], env: Record<string, string | undefined> = {}): TsChild {
  const child = spawn(process.execPath, ['--experimental-transform-types', '--no-warnings', '--import', hooks, `${root}${script}`, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => void (err = (err + d.toString()).slice(-8000)));
  running.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  let done = false;
  void exited.then(() => (done = true));
  return {
    process: child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    async line(pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = out.split('\n').find((l) => pattern.test(l));
        if (found !== undefined) return found;
        if (done) throw new Error(`${script} exited before printing ${pattern}:\n${out}\n${err}`);
        if (Date.now() > deadline) throw new Error(`${script} printed no ${pattern} in ${timeoutMs} ms:\n${out}\n${err}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async exitedWithin(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`${script} ${args.join(' ')} still ran after ${timeoutMs} ms:\n${out}\n${err}`));
        }, timeoutMs);
      });
      try {
        return await Promise.race([exited, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
