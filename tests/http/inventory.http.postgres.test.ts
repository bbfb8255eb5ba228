// The inventory HTTP suite again, with every test server on the PostgreSQL adapter (DATABASE_URL's
// server when set, else an in-memory PGlite): status codes, problem bodies, "nothing was written" and
// the documented answers must not depend on the persistence.
import { useHttpBackend } from '../support/http.js';

useHttpBackend('postgresql');
await import('./inventory.http.test.js');
