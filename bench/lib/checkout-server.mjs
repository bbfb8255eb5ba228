// The whole stack for the member checkout flow (bench/checkout-flow.mjs): Express router, auth, every
// context, the fake payment channel configured by name with the bench's secret (its callbacks arrive over
// HTTP like a real channel's), on PostgreSQL (BENCH_DATABASE_URL, already seeded) or on an embedded PGlite
// (no URL: migrated and seeded here, BENCH_SKUS products, since nothing else can reach it).
import { createZhongtai } from '../../dist/index.js';
import { createApp, Hs256Authenticator, silentLogger } from '../../dist/adapters/http/express/index.js';
import { fakePaymentChannel } from '../../dist/adapters/channels/payment/index.js';
import { mikroOrmPersistence } from '../../dist/adapters/persistence/mikro-orm/index.js';
import { seedCatalog } from './bench-catalog.mjs';
import { BENCH_SECRET } from './secret.mjs';

const url = process.env.BENCH_DATABASE_URL;
const persistence = await mikroOrmPersistence(url ? { url, migrate: false, poolSize: Number(process.env.BENCH_POOL ?? 16) } : { dataDir: 'memory://' });
const zt = createZhongtai({ persistence, ordering: { channels: [fakePaymentChannel({ secret: BENCH_SECRET })] } });
const skus = url ? null : await seedCatalog(zt, Number(process.env.BENCH_SKUS ?? 200));
const app = createApp({ zhongtai: zt, authenticator: new Hs256Authenticator(BENCH_SECRET), logger: silentLogger });
const server = app.listen(0, '127.0.0.1', () => process.send({ port: server.address().port, skus }));
process.on('SIGTERM', () => server.close(() => zt.close().then(() => process.exit(0))));
