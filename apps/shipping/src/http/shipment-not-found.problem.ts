import type { ProblemExample } from '@platform/http';

/** SHIPPING.SHIPMENT_NOT_FOUND (domain/shipping-refusals.ts) as the OpenAPI document shows it */
export const NO_SHIPMENT: ProblemExample = {
  code: 'SHIPPING.SHIPMENT_NOT_FOUND',
  detail: 'There is no shipment for order 0193f1d2-7c4a-7b1e-9f00-5d2c8a4e6b10.',
};
