// The whole zhongtai stack (Express router, auth, validation, use cases' read side, MikroORM adapter) on PostgreSQL.
import { createZhongtai } from '../../dist/index.js';
import { createApp, Hs256Authenticator, silentLogger } from '../../dist/adapters/http/express/index.js';
import { mikroOrmPersistence } from '../../dist/adapters/persistence/mikro-orm/index.js';
import { BENCH_SECRET } from './secret.mjs';

const zt = createZhongtai({
  persistence: await mikroOrmPersistence({
    url: process.env.BENCH_DATABASE_URL,
    migrate: false,
    readCacheTtlMs: Number(process.env.BENCH_CACHE_TTL_MS ?? 1000),
  }),
});
const app = createApp({ zhongtai: zt, authenticator: new Hs256Authenticator(BENCH_SECRET), logger: silentLogger });
const server = app.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('SIGTERM', () => server.close(() => zt.close().then(() => process.exit(0))));
