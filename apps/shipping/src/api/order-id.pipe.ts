import { ParseUUIDPipe } from '@nestjs/common';
import { ProblemException, type ProblemExample } from '@platform/http';

/** what orderIdPipe answers, for the OpenAPI document */
export const BAD_ORDER_ID: ProblemExample = {
  code: 'REQUEST.INVALID',
  detail: 'The request body or parameters are invalid.',
  errors: [{ field: 'orderId', problems: ['orderId must be a UUID'] }],
};

export const NO_SHIPMENT: ProblemExample = {
  code: 'SHIPPING.SHIPMENT_NOT_FOUND',
  detail: 'There is no shipment for order 0193f1d2-7c4a-7b1e-9f00-5d2c8a4e6b10.',
};

/** `@Param('orderId', orderIdPipe)`: a malformed id is a 400 problem naming the field, never a 500. */
export const orderIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new ProblemException({ status: 400, ...BAD_ORDER_ID }),
});
