/** The id of the exchange order of an after-sales request (换货): one per request, found again by it. */
export const exchangeOrderId = (requestId: string): string => `x-${requestId}`;
/** The request an exchange order ships for, or null for any other order. */
export const requestOfExchangeOrderId = (orderId: string): string | null => (orderId.startsWith('x-') ? orderId.slice(2) : null);
