import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { hostname } from 'node:os';
import type { LockHost, LockRecord } from './data-folder-lock.js';

/**
 * The data folder lock's view of this machine (decision 0025): files created whole by a hard link,
 * and processes told apart by id, start time and boot — from /proc on Linux; elsewhere by id alone,
 * so a lock whose process id was reused is taken for alive and must be deleted by hand.
 */
export function nodeLockHost(): LockHost {
  return {
    async create(path, content) {
      // Written aside, then linked into place: the name appears with the whole content, or not at all.
      const aside = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(aside, content, { flag: 'wx' });
      try {
        await link(aside, path);
        return true;
      } catch (error) {
        if (codeOf(error) === 'EEXIST') return false;
        throw error;
      } finally {
        await rm(aside, { force: true });
      }
    },
    read: (path) => readFile(path, 'utf8').catch((error: unknown) => (codeOf(error) === 'ENOENT' ? undefined : Promise.reject(error))),
    remove: (path) => rm(path, { force: true }),
    list: (folder) => readdir(folder),
    pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    self: () => ({ pid: process.pid, startTime: procStat(process.pid)?.startTime ?? null, bootId: bootId(), host: hostname(), command: commandLine() }),
    isAlive,
    onExit(file, nonce) {
      const atExit = () => {
        try {
          if ((JSON.parse(readFileSync(file, 'utf8')) as LockRecord).nonce === nonce) unlinkSync(file);
        } catch {
          // gone already, or not ours: nothing to give back
        }
      };
      process.on('exit', atExit);
      return () => void process.off('exit', atExit);
    },
    nonce: () => randomBytes(8).toString('hex'),
    now: () => new Date(),
  };
}

function isAlive(record: LockRecord): boolean {
  if (record.host !== hostname()) return true; // not a process of this machine: cannot be told
  const boot = bootId();
  if (record.bootId && boot && record.bootId !== boot) return false; // started before the last boot
  try {
    process.kill(record.pid, 0); // signal 0: only asks whether the process exists
  } catch (error) {
    if (codeOf(error) === 'ESRCH') return false; // EPERM: it exists, another user's
  }
  const stat = procStat(record.pid);
  if (!stat) return true;
  if (stat.state === 'Z' || stat.state === 'X') return false; // dead, waiting for its parent to notice
  return record.startTime === null || stat.startTime === record.startTime; // another start time: the id was reused
}

/** State and start time (clock ticks after boot) of a process, from /proc/<pid>/stat; undefined without /proc. */
function procStat(pid: number): { state: string; startTime: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, startTime: fields[19]! };
  } catch {
    return undefined;
  }
}

let boot: string | null | undefined;
function bootId(): string | null {
  if (boot === undefined) {
    try {
      boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    } catch {
      boot = null;
    }
  }
  return boot;
}

function commandLine(): string {
  const text = [basename(process.argv0), ...process.argv.slice(1)].join(' ');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
