// The catalog over HTTP: its public reads and staff routes (the answer schemas stay its own).
export { catalogRoutes } from './routes.js';
