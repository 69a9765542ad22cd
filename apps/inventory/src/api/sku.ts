import { Injectable, type PipeTransform } from '@nestjs/common';
import { ProblemException } from '@platform/http';

/** Upper-case letters and digits in dash-separated groups, e.g. SKU-0001. */
export const SKU_PATTERN = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
export const SKU_MAX_LENGTH = 64;

/** A malformed :sku is the caller's mistake (400); a well-formed unknown one is a 404 further on. */
@Injectable()
export class ParseSkuPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (value.length <= SKU_MAX_LENGTH && SKU_PATTERN.test(value)) return value;
    throw new ProblemException({
      status: 400,
      code: 'REQUEST.INVALID',
      detail: 'The request body or parameters are invalid.',
      errors: [
        { field: 'sku', problems: [`sku must match ${SKU_PATTERN.source} (at most ${SKU_MAX_LENGTH} characters)`] },
      ],
    });
  }
}

export function unknownSku(sku: string): ProblemException {
  return new ProblemException({ status: 404, code: 'INVENTORY.UNKNOWN_SKU', detail: `No product has SKU ${sku}.` });
}
