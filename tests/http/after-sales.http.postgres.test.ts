// The after-sales HTTP suite on the PostgreSQL adapter.
import { useHttpBackend } from '../support/http.js';

useHttpBackend('postgresql');
await import('./after-sales.http.test.js');
