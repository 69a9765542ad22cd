import { ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from '@platform/http';

/** `:id` must be a UUID: a malformed one is a 400 problem naming the parameter, never a 404 or a 500. */
export function orderIdPipe(): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new ProblemException({
        status: 400,
        code: 'REQUEST.INVALID',
        detail: 'The order id must be a UUID.',
        errors: [{ field: 'id', problems: ['id must be a UUID'] }],
      }),
  });
}
