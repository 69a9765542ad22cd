import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CARRIER_MODES, type CarrierMode } from '../../adapters/fake-carrier';

export class CarrierModeRequest {
  @ApiProperty({
    enum: CARRIER_MODES,
    example: 'down',
    description:
      "normal; fail-transiently: each order's first carrier call is refused, its retry accepted; down: every call is refused",
  })
  @IsIn(CARRIER_MODES)
  readonly mode!: CarrierMode;
}

export class CarrierModeResponse {
  @ApiProperty({ enum: CARRIER_MODES, example: 'normal' })
  readonly mode!: CarrierMode;

  @ApiProperty({
    type: 'integer',
    example: 0,
    description: 'calls still to be refused under SHIPPING_CARRIER_FAILURES_BEFORE_SUCCESS',
  })
  readonly failuresLeft!: number;
}
