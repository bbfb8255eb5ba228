// The membership HTTP suite again, with every test server on the PostgreSQL adapter (DATABASE_URL's
// server when set, else an in-memory PGlite): answers, codes and "nothing was written" must not
// depend on the persistence.
import { useHttpBackend } from '../support/http.js';

useHttpBackend('postgresql');
await import('./membership.http.test.js');
