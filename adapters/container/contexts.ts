import { couponContext } from './coupon.js';
import { freightContext } from './freight.js';

/**
 * Every bounded context of zhongtai, as modules (issue #13): the one list the composition root reads.
 * Adding a context is one line here; its code lives in its own folders. Demo data load in this order.
 */
export const CONTEXTS = [couponContext, freightContext] as const;
