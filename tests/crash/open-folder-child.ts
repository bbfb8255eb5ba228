// A second process opening a data folder, for tests/adapters/data-folder-lock.test.ts and
// tests/crash/embedded-folder.test.ts. Run by Node with type stripping and ./ts-hooks.mjs. Prints one
// JSON line with the outcome: {"won":true} / {"opened":true}, or {"refused":{"pid":…,"code":…,"message":…}}.
//
//   lock <folder>     prints {"ready":true}, then takes the folder's lock (decision 0025) when a line
//                     arrives on stdin. A winner holds it until its stdin ends, then exits without
//                     releasing it: the lock's exit hook must.
//   library <folder>  opens `mikroOrmPersistence({ dataDir: folder })` as an embedding app would, then
//                     closes it again.
import { createInterface } from 'node:readline';
import type { DataFolderLockedError } from '../../adapters/persistence/mikro-orm/data-folder-lock.js';

const [mode, folder] = process.argv.slice(2);
if (!folder || (mode !== 'lock' && mode !== 'library')) throw new Error('usage: open-folder-child.ts lock|library <folder>');

const print = (outcome: object) => process.stdout.write(`${JSON.stringify(outcome)}\n`);
const refused = (error: unknown) => {
  if ((error as Error).name !== 'DataFolderLockedError') throw error;
  const e = error as DataFolderLockedError;
  print({ refused: { pid: e.holder?.pid ?? null, code: e.code, message: e.message } });
  process.exitCode = 3;
};

if (mode === 'lock') {
  const { lockDataFolder } = await import('../../adapters/persistence/mikro-orm/data-folder-lock.js');
  const stdin = createInterface({ input: process.stdin });
  const lines = stdin[Symbol.asyncIterator]();
  print({ ready: true });
  await lines.next();
  try {
    await lockDataFolder(folder);
    print({ won: true });
    while (!(await lines.next()).done);
    process.exit(0); // no release(): the exit hook releases the lock
  } catch (error) {
    refused(error);
    stdin.close();
  }
} else {
  const { mikroOrmPersistence } = await import('../../adapters/persistence/mikro-orm/index.js');
  try {
    const p = await mikroOrmPersistence({ dataDir: folder, migrate: false });
    print({ opened: true });
    await p.close();
  } catch (error) {
    refused(error);
  }
}
