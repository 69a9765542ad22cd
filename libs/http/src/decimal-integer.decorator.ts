import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt } from 'class-validator';

/** a sign only for negatives, then plain decimal digits: no `0x10`, `1e1`, `+1` or ` 1 ` */
const DECIMAL = /^-?[0-9]+$/;

/**
 * An integer query or path parameter: only plain decimal digits become a number, and only one
 * JavaScript holds exactly (|n| <= 2^53 - 1, well inside PostgreSQL's bigint); anything else
 * stays the text it was and is refused as not a whole number, never handed to the database.
 * Where `@Type(() => Number)` took `0x10`, `1e1`, `+1`, `" 1 "`, `""` and 10^20 as numbers.
 */
export function DecimalInteger(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => {
      if (typeof value !== 'string' || !DECIMAL.test(value)) return value;
      const number = Number(value);
      return Number.isSafeInteger(number) ? number : value;
    }),
    IsInt({
      message: `$property must be a whole number in plain decimal digits, at most ${Number.MAX_SAFE_INTEGER}`,
    }),
  );
}
