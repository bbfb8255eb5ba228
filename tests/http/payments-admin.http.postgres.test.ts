// The staff payments HTTP suite on the PostgreSQL adapter (its search is SQL over columns and jsonb).
import { useHttpBackend } from '../support/http.js';

useHttpBackend('postgresql');
await import('./payments-admin.http.test.js');
