// Decision 0025: an embedded data folder has one owner. The lock `lockDataFolder` takes in the folder
// (zhongtai.lock, with the real process id, its start time and the boot) before PGlite opens it: held,
// released, taken over from a dead process, raced for; and `memory://` keeps nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../adapters/cli/config.js';
import {
  claimName,
  DataFolderLockedError,
  embeddedFolder,
  LOCK_FILE,
  lockDataFolder,
  type LockRecord,
} from '../../adapters/persistence/mikro-orm/data-folder-lock.js';
import { spawnTs } from '../support/ts-child.js';

const folders: string[] = [];
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});
const newFolder = () => {
  const f = mkdtempSync(join(tmpdir(), 'zt-lock-'));
  folders.push(f);
  return f;
};

const linux = existsSync('/proc/self/stat');
/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks after boot. */
const startTimeOf = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ')[19]!;
const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
/** A process id that was alive a moment ago and is no more. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid;

/** A lock as another process would have left it. */
function forgeLock(folder: string, record: Partial<LockRecord>): LockRecord {
  const full: LockRecord = {
    pid: deadPid(),
    startTime: '1',
    bootId: linux ? bootId() : null,
    host: hostname(),
    command: 'node zhongtai serve',
    since: '2026-01-02T03:04:05.000Z',
    nonce: 'forged',
    ...record,
  };
  writeFileSync(join(folder, LOCK_FILE), JSON.stringify(full));
  return full;
}

const held = (folder: string): LockRecord => JSON.parse(readFileSync(join(folder, LOCK_FILE), 'utf8')) as LockRecord;
/** Every entry of the folder with its modification time: what "nothing written" compares. */
const snapshot = (folder: string) => [folder, ...readdirSync(folder).map((n) => join(folder, n))].map((p) => `${p} ${statSync(p).mtimeMs}`);

async function refusal(folder: string): Promise<DataFolderLockedError> {
  const error = await lockDataFolder(folder).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataFolderLockedError);
  return error as DataFolderLockedError;
}

describe('the data folder lock (decision 0025)', () => {
  it('is taken with the real process id, its start time and the command, and refuses a second opener with a message naming them and how to proceed, writing nothing', async () => {
    const folder = newFolder();
    const lock = await lockDataFolder(folder);
    const record = held(folder);
    expect(record).toMatchObject({ pid: process.pid, host: hostname() });
    if (linux) expect(record.startTime).toBe(startTimeOf(process.pid));
    expect(Date.parse(record.since)).toBeGreaterThan(Date.now() - 60_000);

    const before = snapshot(folder);
    const error = await refusal(folder); // the same process counts: two PGlites on one folder corrupt it all the same
    expect(error.code).toBe('DATA_FOLDER.LOCKED');
    expect(error.holder).toEqual(record);
    for (const text of [folder, `process ${process.pid}`, record.command, record.since, 'stop', 'GET /admin/inventory/layers/consistency', 'DATABASE_URL'])
      expect(error.message).toContain(text);
    expect(snapshot(folder)).toEqual(before);
    await lock.release();
  });

  it('is released by release(): the lock file is gone and the next opener takes the folder', async () => {
    const folder = newFolder();
    const first = await lockDataFolder(folder);
    await first.release();
    await first.release(); // twice is harmless
    expect(readdirSync(folder)).toEqual([]);
    const second = await lockDataFolder(folder);
    expect(held(folder).nonce).not.toBe(first.holder.nonce);
    await second.release();
  });

  it('is not released by another opener: a refused opener leaves the holder its lock', async () => {
    const folder = newFolder();
    const lock = await lockDataFolder(folder);
    await refusal(folder);
    expect(held(folder)).toEqual(lock.holder);
    await lock.release();
  });

  it('of a dead process is taken over', async () => {
    const folder = newFolder();
    forgeLock(folder, {});
    const lock = await lockDataFolder(folder);
    expect(held(folder).pid).toBe(process.pid);
    await lock.release();
  });

  it.skipIf(!linux)('of a live process is refused, and of a process id now used by another process (another start time) is taken over', async () => {
    const folder = newFolder();
    const parent = forgeLock(folder, { pid: process.ppid, startTime: startTimeOf(process.ppid) });
    expect((await refusal(folder)).holder).toEqual(parent);

    forgeLock(folder, { pid: process.ppid, startTime: String(Number(startTimeOf(process.ppid)) + 1) });
    const lock = await lockDataFolder(folder);
    expect(held(folder).pid).toBe(process.pid);
    await lock.release();
  });

  it.skipIf(!linux)('of a process before the last boot is taken over, even when its process id and start time match a live one', async () => {
    const folder = newFolder();
    forgeLock(folder, { pid: process.ppid, startTime: startTimeOf(process.ppid), bootId: '00000000-0000-0000-0000-000000000000' });
    const lock = await lockDataFolder(folder);
    expect(held(folder).pid).toBe(process.pid);
    await lock.release();
  });

  it('that is unreadable (not written by this protocol, which creates it whole) is taken over', async () => {
    const folder = newFolder();
    writeFileSync(join(folder, LOCK_FILE), 'garbage');
    const lock = await lockDataFolder(folder);
    expect(held(folder).pid).toBe(process.pid);
    await lock.release();
  });

  it('of a process on another host is never taken over: its liveness cannot be told from here', async () => {
    const folder = newFolder();
    forgeLock(folder, { host: 'elsewhere.example' });
    const error = await refusal(folder);
    expect(error.message).toContain('on elsewhere.example');
    expect(error.message).toContain(join(folder, LOCK_FILE)); // the way out when that process is known to be gone
  });

  it('left by a takeover that died half way does not wedge the folder, and its leftovers are swept', async () => {
    const folder = newFolder();
    // A process that claimed the stale lock (the claim is named after it) and died before removing it,
    // and one that died while creating its lock file.
    const stale = JSON.stringify(forgeLock(folder, {}));
    const claimant = {
      pid: deadPid(),
      startTime: '1',
      bootId: linux ? bootId() : null,
      host: hostname(),
      command: 'x',
      since: '2026-01-01T00:00:00.000Z',
      nonce: 'dead-claimant',
    };
    writeFileSync(claimName(join(folder, LOCK_FILE), stale), JSON.stringify(claimant));
    writeFileSync(join(folder, `${LOCK_FILE}.${deadPid()}-abc.tmp`), JSON.stringify(claimant));
    const lock = await lockDataFolder(folder);
    expect(held(folder).pid).toBe(process.pid);
    expect(readdirSync(folder)).toEqual([LOCK_FILE]);
    await lock.release();
  });

  it('is released at process exit when the process ends without releasing it', async () => {
    const folder = newFolder();
    const child = spawnTs('tests/crash/open-folder-child.ts', ['lock', folder]);
    await child.line(/"ready"/);
    child.process.stdin.write('go\n');
    await child.line(/"won"/);
    expect(held(folder).pid).toBe(child.pid);
    child.process.stdin.end();
    expect((await child.exited).code).toBe(0);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('of a dead process, raced for by several processes at once, goes to exactly one of them; the others are refused naming it', async () => {
    const folder = newFolder();
    forgeLock(folder, {});
    const children = Array.from({ length: 4 }, () => spawnTs('tests/crash/open-folder-child.ts', ['lock', folder]));
    try {
      await Promise.all(children.map((c) => c.line(/"ready"/)));
      for (const c of children) c.process.stdin.write('go\n');
      const outcomes = await Promise.all(
        children.map(async (c) => ({ pid: c.pid, ...(JSON.parse(await c.line(/"won"|"refused"/)) as { won?: true; refused?: { pid: number } }) })),
      );
      const winners = outcomes.filter((o) => o.won);
      expect(winners).toHaveLength(1);
      expect(held(folder).pid).toBe(winners[0]!.pid);
      for (const o of outcomes.filter((x) => !x.won)) expect(o.refused?.pid).toBe(winners[0]!.pid);
    } finally {
      for (const c of children) c.process.stdin.end();
      await Promise.all(children.map((c) => c.exited));
    }
    expect(readdirSync(folder)).toEqual([]);
  }, 60_000);
});

describe('memory:// keeps nothing (decision 0025)', () => {
  it('is no folder: no lock is taken, and the service configuration keeps it as it is, creating nothing', async () => {
    expect(embeddedFolder('memory://')).toBeUndefined();
    expect(embeddedFolder('./data')).toBe(join(process.cwd(), 'data'));
    expect(embeddedFolder('file:///srv/zhongtai')).toBe('/srv/zhongtai');

    const cwd = process.cwd();
    const scratch = newFolder();
    process.chdir(scratch);
    try {
      const config = readConfig({ ZHONGTAI_DATA_DIR: 'memory://' });
      expect(config.dataDir).toBe('memory://');
      expect(config.tokens().keys[0]).toBe(config.tokens().keys[0]); // a demo secret for the life of the process
      expect(readdirSync(scratch)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('is not the current directory either: an empty ZHONGTAI_DATA_DIR means the default folder, as an empty DATABASE_URL means none', () => {
    expect(readConfig({ ZHONGTAI_DATA_DIR: '' }).dataDir).toBe(join(process.cwd(), '.zhongtai', 'data'));
  });
});
