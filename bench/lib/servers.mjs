// Child-process servers for comparisons: each side runs alone in its own process, like a real service.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function startServer(script, env) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', (m) =>
      resolve({
        ...m, // the port, and whatever else the server reports (the checkout server: the SKUs it seeded)
        stop: () =>
          new Promise((r) => {
            child.once('exit', r);
            child.kill('SIGTERM');
          }),
      }),
    );
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server ${script} exited with ${code}`)));
  });
}
