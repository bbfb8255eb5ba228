// The pricing engine's figures over HTTP (shares, applied activities and coupons, coupon options …), as the
// answers of cart, checkout, coupon and promotion embed them: the one way other contexts' routes reach them.
export * from '../wire/pricing.js';
