import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class GetBalanceParams {
  @ApiProperty({ example: '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b' })
  // what orders accepts as a customerId (PlaceOrderRequest), so `-1`, `NaN` or 26 digits are refused, not 0 points
  @IsUUID('all', { message: 'customerId must be a UUID' })
  customerId!: string;
}
