// The promotion context over HTTP: its routes (activities and their review for marketing staff, group buys
// and bargains for members, purchase limits, the price preview) with their answer schemas.
export { promotionRoutes } from './routes.js';
