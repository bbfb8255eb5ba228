// The coupon context over HTTP: its routes (staff templates, issues, statistics, the sweep; members' coupons, claims, CPN-1).
export { couponRoutes } from './routes.js';
