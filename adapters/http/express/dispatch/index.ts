// The dispatch context over HTTP: warehouses and pre-dispatch (DSP-1), and their answer schemas.
export { dispatchRoutes } from './routes.js';
