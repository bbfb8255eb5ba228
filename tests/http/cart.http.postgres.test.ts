// The cart HTTP suite again, with the test server on the PostgreSQL adapter (DATABASE_URL's server
// when set, else an in-memory PGlite): status codes, problem bodies and "nothing was written" must not
// depend on the persistence.
import { useHttpBackend } from '../support/http.js';

useHttpBackend('postgresql');
await import('./cart.http.test.js');
