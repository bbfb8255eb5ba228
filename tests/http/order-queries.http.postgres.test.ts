// The order query HTTP suite again, with the test server on the PostgreSQL adapter (DATABASE_URL's
// server when set, else an in-memory PGlite): the same answers whatever the persistence.
import { useHttpBackend } from '../support/http.js';

useHttpBackend('postgresql');
await import('./order-queries.http.test.js');
