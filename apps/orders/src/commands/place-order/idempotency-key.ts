import { ProblemException } from '@platform/http';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** The optional Idempotency-Key header: absent is fine; present, it must be 1 to 200 characters. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (header.length >= 1 && header.length <= 200) return header;
  throw new ProblemException({
    status: 400,
    code: 'REQUEST.INVALID',
    detail: `The ${IDEMPOTENCY_KEY_HEADER} header is invalid.`,
    errors: [
      { field: IDEMPOTENCY_KEY_HEADER, problems: [`${IDEMPOTENCY_KEY_HEADER} must be 1 to 200 characters long`] },
    ],
  });
}
