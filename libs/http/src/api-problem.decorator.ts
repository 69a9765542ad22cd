import { STATUS_CODES } from 'node:http';
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemResponse } from './problem-response.dto';

/** One answer an endpoint really gives: its stable code (none for a few generic ones), detail and fields. */
export interface ProblemExample {
  /** names the example where several share a code (or have none) */
  readonly name?: string;
  readonly code?: string;
  readonly detail: string;
  readonly errors?: ReadonlyArray<{ readonly field: string; readonly problems: readonly string[] }>;
}

/** An answer's description, and the headers it carries when there are any (Retry-After on a 503). */
export type ProblemDescription =
  | string
  | {
      readonly description: string;
      readonly headers: Record<
        string,
        { description: string; schema: { type: 'integer' | 'string'; example?: unknown } }
      >;
    };

/**
 * Documents an error answer as what it is on the wire: application/problem+json (RFC 9457), with
 * an example per stable code the endpoint answers with, so Swagger UI shows a 404 as a 404 and not
 * the schema's generic 400. The examples' status and title follow from `status`.
 */
export function ApiProblem(
  status: number,
  description: ProblemDescription,
  example: ProblemExample,
  ...more: ProblemExample[]
): MethodDecorator & ClassDecorator {
  const examples = Object.fromEntries(
    [example, ...more].map((given) => {
      const name = given.name ?? given.code ?? String(status);
      return [name, { summary: `${status} ${name}`, value: problemOf(status, given) }];
    }),
  );
  return applyDecorators(
    ApiExtraModels(ProblemResponse),
    ApiResponse({
      status,
      ...(typeof description === 'string' ? { description } : description),
      content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemResponse) }, examples } },
    }),
  );
}

/** The body the ProblemDetailsFilter sends for this answer (without `instance`, the request's own path). */
function problemOf(status: number, { code, detail, errors }: ProblemExample): Record<string, unknown> {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    ...(code === undefined ? {} : { code }),
    detail,
    ...(errors === undefined ? {} : { errors }),
  };
}

/** The strict validation's answer (REQUEST.INVALID), naming the field and what is wrong with it. */
export function invalidRequest(field: string, problem: string, name?: string): ProblemExample {
  return {
    name,
    code: 'REQUEST.INVALID',
    detail: 'The request body or parameters are invalid.',
    errors: [{ field, problems: [problem] }],
  };
}
