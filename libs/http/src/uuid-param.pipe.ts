import { ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from './problem-details.filter';

/**
 * `@Param('orderId', uuidParam('orderId'))`: a malformed id is a 400 problem that names the
 * parameter (Nest's own pipe only says "uuid is expected"), never a 500 from the database.
 */
export function uuidParam(field: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new ProblemException({
        status: 400,
        code: 'REQUEST.INVALID',
        detail: 'The request body or parameters are invalid.',
        errors: [{ field, problems: [`${field} must be a UUID`] }],
      }),
  });
}
