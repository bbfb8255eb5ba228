// The edge input suite on the PostgreSQL adapter.
import { useHttpBackend } from '../support/http.js';

useHttpBackend('postgresql');
await import('./edge-input.http.test.js');
