import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class ListNotificationsQuery {
  @ApiProperty({ format: 'uuid', example: '0193f1d2-7c4a-7b1e-9f00-5d2c8a4e6b10', description: 'the order' })
  @IsUUID()
  readonly orderId!: string;
}
