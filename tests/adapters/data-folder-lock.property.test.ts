// Decision 0025, the invariant of the data folder lock: at no moment do two live processes hold the
// folder, whatever the interleaving of their file operations, and whichever of them dies at whichever
// step (a dead process's files stay behind). The protocol runs against a model machine: a map of files
// whose every operation is one atomic step ordered by fast-check's scheduler, and a process table.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  claimName,
  DataFolderLockedError,
  LOCK_FILE,
  lockDataFolder,
  type DataFolderLock,
  type LockHost,
} from '../../adapters/persistence/mikro-orm/data-folder-lock.js';

const FOLDER = '/data';
const LOCK = `${FOLDER}/${LOCK_FILE}`;

class Crashed extends Error {}

interface Machine {
  readonly files: Map<string, string>;
  readonly dead: Set<number>;
  /** Who holds the folder now (set when lockDataFolder answers, cleared when release is called or the holder dies). */
  readonly holding: Set<number>;
  readonly violations: string[];
}

/** The machine as process `pid` sees it; it dies just before its `crashAt`-th file operation. */
function modelHost(m: Machine, s: fc.Scheduler, pid: number, crashAt?: number): LockHost {
  let ops = 0;
  let nonces = 0;
  const step = async <T>(label: string, op: () => T): Promise<T> => {
    await s.schedule(Promise.resolve(), `${pid}:${label}`);
    if (crashAt !== undefined && ops++ >= crashAt) m.dead.add(pid);
    if (m.dead.has(pid)) throw new Crashed(`process ${pid} is dead`);
    return op();
  };
  return {
    create: (path, content) => step(`create ${path}`, () => !m.files.has(path) && (m.files.set(path, content), true)),
    read: (path) => step(`read ${path}`, () => m.files.get(path)),
    remove: (path) => step(`remove ${path}`, () => void m.files.delete(path)),
    list: (folder) => step('list', () => [...m.files.keys()].filter((k) => k.startsWith(`${folder}/`)).map((k) => k.slice(folder.length + 1))),
    pause: () => step('pause', () => undefined),
    self: () => ({ pid, startTime: '1', bootId: 'boot', host: 'here', command: `process ${pid}` }),
    isAlive: (r) => r.host !== 'here' || !m.dead.has(r.pid),
    onExit: () => () => {},
    nonce: () => `${pid}-${nonces++}`,
    now: () => new Date(0),
  };
}

interface Contender {
  readonly crashAt: number | undefined;
  /** After taking the folder: give it back (release) or die holding it, or keep it. */
  readonly then: 'keep' | 'release' | 'die';
}

const contender = fc.record({
  crashAt: fc.option(fc.nat({ max: 24 }), { nil: undefined, freq: 2 }),
  then: fc.constantFrom<Contender['then']>('keep', 'release', 'die'),
});

/** What a previous process left: nothing, its lock, an unreadable lock, or its lock and a takeover that died half way. */
const leftovers = fc.oneof(
  fc.constantFrom('none', 'stale', 'garbage'),
  { arbitrary: fc.constant('stale+claim'), weight: 3 }, // the rarest interleavings start from an abandoned takeover
);

function leave(m: Machine, what: string): void {
  const dead = { pid: 99, startTime: '1', bootId: 'boot', host: 'here', command: 'gone', since: new Date(0).toISOString(), nonce: 'old' };
  m.dead.add(99).add(98);
  if (what === 'garbage') m.files.set(LOCK, 'garbage');
  if (what === 'stale' || what === 'stale+claim') m.files.set(LOCK, JSON.stringify(dead));
  if (what === 'stale+claim') m.files.set(claimName(LOCK, JSON.stringify(dead)), JSON.stringify({ ...dead, pid: 98, nonce: 'claimant' }));
}

async function run(s: fc.Scheduler, m: Machine, pid: number, c: Contender): Promise<'won' | 'refused' | 'crashed'> {
  let lock: DataFolderLock;
  try {
    lock = await lockDataFolder(FOLDER, modelHost(m, s, pid, c.crashAt));
  } catch (error) {
    if (error instanceof Crashed) return 'crashed';
    if (error instanceof DataFolderLockedError) return 'refused';
    throw error;
  }
  const others = [...m.holding].filter((h) => !m.dead.has(h));
  if (others.length > 0) m.violations.push(`${pid} took the folder while ${others.join(', ')} held it`);
  m.holding.add(pid);
  if (c.then === 'die') {
    m.holding.delete(pid);
    m.dead.add(pid);
  } else if (c.then === 'release') {
    m.holding.delete(pid);
    await lock.release().catch((e: unknown) => {
      if (!(e instanceof Crashed)) throw e;
    });
  }
  return 'won';
}

describe('the data folder lock under every interleaving (decision 0025)', () => {
  it('never lets two live processes hold the folder; without deaths and releases exactly one of the racers takes it; afterwards the folder is never wedged and leftovers are swept', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(contender, { minLength: 2, maxLength: 4 }), leftovers, async (s, contenders, left) => {
        const m: Machine = { files: new Map(), dead: new Set(), holding: new Set(), violations: [] };
        leave(m, left);
        const outcomes = Promise.all(contenders.map((c, i) => run(s, m, i + 1, c)));
        await s.waitIdle();
        const results = await outcomes;
        expect(m.violations).toEqual([]);
        if (contenders.every((c) => c.crashAt === undefined && c.then === 'keep')) {
          expect(results.filter((r) => r === 'won')).toHaveLength(1);
          expect(results.filter((r) => r === 'refused')).toHaveLength(contenders.length - 1);
        }

        // Whoever still holds it lets go (or is dead): a newcomer then takes the folder, and sweeps what the dead left.
        for (const pid of m.holding) m.dead.add(pid);
        m.holding.clear();
        const late = lockDataFolder(FOLDER, modelHost(m, s, 50));
        await s.waitIdle();
        await expect(late).resolves.toBeDefined();
        expect([...m.files.keys()]).toEqual([LOCK]);
        expect(JSON.parse(m.files.get(LOCK)!)).toMatchObject({ pid: 50 });
      }),
      { numRuns: 1000 },
    );
  });
});
