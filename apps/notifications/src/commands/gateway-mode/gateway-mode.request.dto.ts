import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { GATEWAY_MODES, type GatewayMode } from '../../adapters/fake-email-gateway';

export class GatewayModeRequest {
  @ApiProperty({
    enum: GATEWAY_MODES,
    example: 'down',
    description:
      'down: every send is refused (retried, then dead-lettered); slow: every send takes NOTIFICATIONS_GATEWAY_SLOW_MS (the consumer falls behind)',
  })
  @IsIn(GATEWAY_MODES)
  readonly mode!: GatewayMode;
}

export class GatewayModeResponse {
  @ApiProperty({ enum: GATEWAY_MODES, example: 'normal' })
  readonly mode!: GatewayMode;
}
