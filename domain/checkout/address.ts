import { districtCode } from '../dispatch/index.js';
import { CHECKOUT_ERRORS } from './errors.js';

/** The district code of a delivery address, or CHECKOUT.INVALID_ADDRESS. */
export function checkoutAddress(address: string): string {
  try {
    return districtCode(address);
  } catch {
    throw CHECKOUT_ERRORS.raise('INVALID_ADDRESS', 'the address must be a district code of a known region', { address });
  }
}
