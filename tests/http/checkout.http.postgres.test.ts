// The checkout HTTP suite again, with the test server on the PostgreSQL adapter (DATABASE_URL's server
// when set, else an in-memory PGlite): figures, status codes and problem bodies must not depend on the persistence.
import { useHttpBackend } from '../support/http.js';

useHttpBackend('postgresql');
await import('./checkout.http.test.js');
