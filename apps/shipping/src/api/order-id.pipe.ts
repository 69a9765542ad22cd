import { ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from '@platform/http';

/** `@Param('orderId', orderIdPipe)`: a malformed id is a 400 problem naming the field, never a 500. */
export const orderIdPipe = new ParseUUIDPipe({
  exceptionFactory: () =>
    new ProblemException({
      status: 400,
      code: 'REQUEST.INVALID',
      detail: 'The request body or parameters are invalid.',
      errors: [{ field: 'orderId', problems: ['orderId must be a UUID'] }],
    }),
});
