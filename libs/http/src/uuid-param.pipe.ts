import { ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from './problem-details.filter';

/**
 * `@Param('orderId', uuidParam('orderId'))`: a malformed id is a 400 problem that names the
 * parameter (Nest's own pipe only says "uuid is expected"), never a 500 from the database.
 * `detail` is for a context whose clients already read a more specific one.
 */
export function uuidParam(field: string, detail = 'The request body or parameters are invalid.'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new ProblemException({
        status: 400,
        code: 'REQUEST.INVALID',
        detail,
        errors: [{ field, problems: [`${field} must be a UUID`] }],
      }),
  });
}
