import type { ParseUUIDPipe } from '@nestjs/common';
import { uuidParam, type ProblemExample } from '@platform/http';

/** what orderIdPipe answers, for the OpenAPI document */
export const BAD_ORDER_ID: ProblemExample = {
  code: 'REQUEST.INVALID',
  detail: 'The order id must be a UUID.',
  errors: [{ field: 'id', problems: ['id must be a UUID'] }],
};

export const ORDER_NOT_FOUND: ProblemExample = {
  code: 'ORDER.NOT_FOUND',
  detail: 'There is no order 0192f5a4-7c1e-7d2a-9a53-3f0e8c1b2d4e.',
};

/** `:id` must be a UUID: a malformed one is a 400 problem naming the parameter, never a 404 or a 500. */
export function orderIdPipe(): ParseUUIDPipe {
  return uuidParam('id', BAD_ORDER_ID.detail);
}
