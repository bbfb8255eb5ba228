// The cart context over HTTP: the member's and guests' cart routes (their answer schemas in wire.ts).
export { cartRoutes } from './routes.js';
