import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ProblemDetails } from './problem-details.filter';

/**
 * class-validator on every request DTO: unknown fields are refused (not silently dropped),
 * values are converted to the DTO's types, and every failing field is named in the problem.
 */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const problem: ProblemDetails = {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        code: 'REQUEST.INVALID',
        detail: 'The request body or parameters are invalid.',
        errors: flatten(errors),
      };
      return new BadRequestException(problem);
    },
  });
}

function flatten(errors: readonly ValidationError[], prefix = ''): Array<{ field: string; problems: string[] }> {
  return errors.flatMap((error) => {
    // array items are named like JavaScript does (`lines[0].sku`), the same as business refusals
    const field = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
