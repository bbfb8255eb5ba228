import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { nodeLockHost } from './local-processes.js';

/**
 * One owner per embedded data folder (decision 0025). PGlite keeps no lock of its own that holds
 * across processes, and two of them on one folder corrupt it; so before PGlite opens a folder, the
 * opener takes `zhongtai.lock` in it, naming itself by what identifies a process on this machine: its
 * id, its start time and the boot. A second opener (another process, or this one again) is refused.
 *
 * - The lock file is created whole or not at all (written aside, then hard-linked into place).
 * - A lock whose process is gone (no such process id, or one started at another time or before the
 *   last boot) is stale. It is removed only by the one process that claims it: the claim is a file
 *   named after the stale lock's contents, created the same exclusive way, so of several processes
 *   racing to take over, one removes it and all then race for the free name. A claimant that died is
 *   itself stale: the next one claims its claim (a chain, one link per abandoned takeover).
 * - Released on `release()` (the adapter calls it when PGlite has closed) and at process exit.
 * - A lock from another host (a shared network folder) is never judged: its process cannot be seen.
 */
export const LOCK_FILE = 'zhongtai.lock';

/** What the lock file holds: who owns the folder, and since when. */
export interface LockRecord {
  readonly pid: number;
  /** When that process started, as the system counts it (Linux: /proc/<pid>/stat field 22); null where unknown. */
  readonly startTime: string | null;
  /** The boot it ran in (Linux: /proc/sys/kernel/random/boot_id); null where unknown. */
  readonly bootId: string | null;
  readonly host: string;
  /** Its command line, for people. */
  readonly command: string;
  readonly since: string;
  /** Tells apart two locks of the same process. */
  readonly nonce: string;
}

/** The file and process operations the protocol needs: the machine's (`nodeLockHost`), or a model in tests. */
export interface LockHost {
  /** Creates `path` holding `content`, whole, only if nothing is there: false when something is. */
  create(path: string, content: string): Promise<boolean>;
  /** The file's contents, undefined when there is none. */
  read(path: string): Promise<string | undefined>;
  /** Removes the file if it is there. */
  remove(path: string): Promise<void>;
  list(folder: string): Promise<string[]>;
  pause(ms: number): Promise<void>;
  /** This process. */
  self(): Omit<LockRecord, 'since' | 'nonce'>;
  /** Whether the process that wrote `record` may still be running (true when that cannot be told). */
  isAlive(record: LockRecord): boolean;
  /** Removes `file` at process exit if it still holds `nonce`; answers a function that cancels this. */
  onExit(file: string, nonce: string): () => void;
  nonce(): string;
  now(): Date;
}

export interface DataFolderLock {
  readonly folder: string;
  readonly file: string;
  readonly holder: LockRecord;
  /** Gives the folder back (idempotent). */
  release(): Promise<void>;
}

/** A second opener of a data folder: its message names the owner and how to proceed. */
export class DataFolderLockedError extends Error {
  override readonly name = 'DataFolderLockedError';
  readonly code = 'DATA_FOLDER.LOCKED';
  constructor(
    readonly folder: string,
    readonly lockFile: string,
    /** The process that holds the folder (or is taking it over), when its lock could be read. */
    readonly holder: LockRecord | undefined,
    here: string,
  ) {
    const who = holder
      ? `process ${holder.pid}${holder.host === here ? '' : ` on ${holder.host}`} (${holder.command}), since ${holder.since}`
      : 'another process';
    super(
      `The data folder ${folder} is in use by ${who}. An embedded database has one owner at a time: a second ` +
        'process opening it would corrupt it. To go on: stop that process and try again; or, while it runs, ' +
        'go through its HTTP API (the stock check, for one, is GET /admin/inventory/layers/consistency); or keep ' +
        'the data on a PostgreSQL server (DATABASE_URL), which any number of processes may share. ' +
        `If that process is known to be gone, delete ${lockFile}.`,
    );
  }
}

/** How long an opener waits, at most, for another process's takeover of a stale lock to finish. */
const TAKEOVER_WAIT = { pauseMs: 25, pauses: 200 };
/** Links in a chain of abandoned takeovers before giving up (each needs a process dying mid-takeover). */
const MAX_CHAIN = 12;

/**
 * The folder's file system path for a PGlite `dataDir`; undefined when it names no folder
 * (`memory://` keeps nothing; other schemes are not Node's). `file://` is PGlite's spelling of a path.
 */
export function embeddedFolder(dataDir: string): string | undefined {
  if (dataDir.startsWith('file://')) return resolve(dataDir.slice('file://'.length));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir)) return undefined;
  return resolve(dataDir);
}

/** The claim on the stale lock `staleContent` at `lockPath`: the file only its one taker creates. */
export function claimName(lockPath: string, staleContent: string): string {
  return `${lockPath}.takeover-${stamp(staleContent, 16)}`;
}

/** Takes the folder's lock, or throws `DataFolderLockedError`. The folder must exist. */
export async function lockDataFolder(folder: string, host: LockHost = nodeLockHost()): Promise<DataFolderLock> {
  const file = join(folder, LOCK_FILE);
  const self = host.self();
  const me: LockRecord = { ...self, since: host.now().toISOString(), nonce: host.nonce() };
  const mine = JSON.stringify(me);
  const refuse = (holder: LockRecord | undefined) => new DataFolderLockedError(folder, file, holder, self.host);
  for (let pauses = 0; ; ) {
    const content = await host.read(file);
    if (content === undefined) {
      if (await host.create(file, mine)) break;
      continue; // another process was faster: look at its lock
    }
    const holder = parseRecord(content);
    if (holder && host.isAlive(holder)) throw refuse(holder);
    const claim = await claimStale(host, file, content, mine);
    if ('busy' in claim) {
      // Another process is taking the stale lock over: wait for it to finish, then look again.
      if (++pauses > TAKEOVER_WAIT.pauses) throw refuse(claim.busy);
      await host.pause(TAKEOVER_WAIT.pauseMs);
      continue;
    }
    try {
      // Only this claimant removes this stale lock, and its dead owner cannot: still there means still stale.
      if ((await host.read(file)) === content) await host.remove(file);
    } finally {
      // The stale lock is gone either way; so is any use of claims on it.
      for (const name of claim.chain) await host.remove(name);
    }
  }
  await sweep(host, folder, me);
  const cancelExitHook = host.onExit(file, me.nonce);
  let released = false;
  return {
    folder,
    file,
    holder: me,
    async release() {
      if (released) return;
      released = true;
      cancelExitHook();
      // Nobody removes the lock of a live process: if it still reads as ours, it is ours to remove.
      if (parseRecord((await host.read(file)) ?? '')?.nonce === me.nonce) await host.remove(file);
    },
  };
}

/**
 * Claims the stale lock `content`: answers the claim files to remove once it is dealt with (its own
 * and those of dead claimants before it), or the live process that is taking it over already.
 */
async function claimStale(host: LockHost, file: string, content: string, mine: string): Promise<{ chain: string[] } | { busy: LockRecord | undefined }> {
  const chain: string[] = [];
  let name = claimName(file, content);
  for (let links = 0; links < MAX_CHAIN; links++) {
    if (await host.create(name, mine)) return { chain: [...chain, name] };
    const claim = await host.read(name);
    if (claim === undefined) continue; // its taker just finished: try again
    const claimant = parseRecord(claim);
    if (claimant && host.isAlive(claimant)) return { busy: claimant };
    chain.push(name);
    name = `${name}-${stamp(claim, 8)}`;
  }
  return { busy: undefined };
}

/** Removes what dead processes left beside the lock: claims, and files they were creating. */
async function sweep(host: LockHost, folder: string, me: LockRecord): Promise<void> {
  for (const name of await host.list(folder)) {
    if (!name.startsWith(`${LOCK_FILE}.`)) continue;
    const path = join(folder, name);
    const owner = parseRecord((await host.read(path)) ?? '');
    if (owner && owner.nonce !== me.nonce && !host.isAlive(owner)) await host.remove(path);
  }
}

function stamp(content: string, length: number): string {
  return createHash('sha256').update(content).digest('hex').slice(0, length);
}

/** The record in a lock file, or undefined when it is not one (then it is stale: this protocol writes whole records). */
export function parseRecord(content: string): LockRecord | undefined {
  try {
    const r = JSON.parse(content) as Partial<LockRecord>;
    const valid =
      Number.isSafeInteger(r.pid) &&
      r.pid! > 0 &&
      typeof r.host === 'string' &&
      typeof r.command === 'string' &&
      typeof r.since === 'string' &&
      typeof r.nonce === 'string' &&
      (r.startTime === null || typeof r.startTime === 'string') &&
      (r.bootId === null || typeof r.bootId === 'string');
    return valid ? (r as LockRecord) : undefined;
  } catch {
    return undefined;
  }
}
