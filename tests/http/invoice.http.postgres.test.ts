// The invoice HTTP suite on the PostgreSQL adapter.
import { useHttpBackend } from '../support/http.js';

useHttpBackend('postgresql');
await import('./invoice.http.test.js');
