import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** Customer ids are opaque tokens from orders; this keeps them sane without assuming a format. */
export const CUSTOMER_ID_PATTERN = /^[A-Za-z0-9._:@-]{1,128}$/;

export class GetBalanceParams {
  @ApiProperty({ example: '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b', pattern: CUSTOMER_ID_PATTERN.source })
  @Matches(CUSTOMER_ID_PATTERN, { message: 'customerId must be 1-128 characters of A-Z a-z 0-9 . _ : @ -' })
  customerId!: string;
}
