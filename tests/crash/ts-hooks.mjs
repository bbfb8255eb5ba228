// Lets Node run the TypeScript sources directly in a child process (`node --experimental-transform-types
// --import ./ts-hooks.mjs script.ts`): the sources import each other as `./x.js` (NodeNext), which
// resolves here to `./x.ts` when that file exists. Node strips and transforms the types itself.
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

registerHooks({
  resolve(specifier, context, next) {
    if (specifier.endsWith('.js') && /^(\.{1,2}\/|\/|file:)/.test(specifier) && context.parentURL?.startsWith('file:')) {
      const ts = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
      if (existsSync(fileURLToPath(ts))) return next(ts.href, context);
    }
    return next(specifier, context);
  },
});
