import { Injectable, type PipeTransform } from '@nestjs/common';
import { type ApiParamOptions } from '@nestjs/swagger';
import { ProblemException, type ProblemExample } from '@platform/http';

/** Upper-case letters and digits in dash-separated groups, e.g. SKU-0001. */
export const SKU_PATTERN = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
export const SKU_MAX_LENGTH = 64;

/** `:sku` as the OpenAPI document states it: what ParseSkuPipe accepts */
export const SKU_PARAM: ApiParamOptions = {
  name: 'sku',
  schema: { type: 'string', pattern: SKU_PATTERN.source, maxLength: SKU_MAX_LENGTH, example: 'SKU-0001' },
};

const BAD_SKU_PROBLEM = `sku must match ${SKU_PATTERN.source} (at most ${SKU_MAX_LENGTH} characters)`;

/** what ParseSkuPipe and an unknown SKU answer, for the OpenAPI document */
export const BAD_SKU: ProblemExample = {
  code: 'REQUEST.INVALID',
  detail: 'The request body or parameters are invalid.',
  errors: [{ field: 'sku', problems: [BAD_SKU_PROBLEM] }],
};
export const UNKNOWN_SKU: ProblemExample = { code: 'INVENTORY.UNKNOWN_SKU', detail: 'No product has SKU SKU-9999.' };

/** A malformed :sku is the caller's mistake (400); a well-formed unknown one is a 404 further on. */
@Injectable()
export class ParseSkuPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (value.length <= SKU_MAX_LENGTH && SKU_PATTERN.test(value)) return value;
    throw new ProblemException({ status: 400, ...BAD_SKU });
  }
}
