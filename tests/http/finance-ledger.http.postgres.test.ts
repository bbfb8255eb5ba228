// The ledger's HTTP suite on the PostgreSQL adapter.
import { useHttpBackend } from '../support/http.js';

useHttpBackend('postgresql');
await import('./finance-ledger.http.test.js');
