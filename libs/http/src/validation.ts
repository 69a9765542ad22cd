import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldProblem } from './edge/inspect-input';
import type { ProblemDetails } from './problem-details.filter';

export const INVALID_REQUEST = 'REQUEST.INVALID';
export const INVALID_REQUEST_DETAIL = 'The request body or parameters are invalid.';

/** The 400 every refused field gets: a stable code, and each field named with its problems. */
export function invalidRequestProblem(errors: FieldProblem[]): ProblemDetails {
  return {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    code: INVALID_REQUEST,
    detail: INVALID_REQUEST_DETAIL,
    errors,
  };
}

/**
 * class-validator on every request DTO: unknown fields are refused (not silently dropped),
 * values are converted to the DTO's types, and every failing field is named in the problem.
 */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(invalidRequestProblem(flatten(errors))),
  });
}

function flatten(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    // array items are named like JavaScript does (`lines[0].sku`), the same as business refusals
    const field = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    const own = error.constraints ? [{ field, problems: problemsOf(error) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * A field left out that failed is a required one (an optional one would have passed): saying it
 * is required is the whole story, where its constraints' messages ("must be an email") mislead.
 */
function problemsOf(error: ValidationError): string[] {
  if (error.value === undefined) return [`${error.property} is required`];
  return Object.values(error.constraints ?? {});
}
