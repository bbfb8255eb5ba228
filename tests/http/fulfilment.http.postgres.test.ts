// The fulfilment HTTP suite on the PostgreSQL adapter.
import { useHttpBackend } from '../support/http.js';

useHttpBackend('postgresql');
await import('./fulfilment.http.test.js');
