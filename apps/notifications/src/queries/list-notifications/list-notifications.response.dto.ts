import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../domain/email';

export class SentMessageView {
  @ApiProperty({ enum: NOTIFICATION_KINDS, example: 'ORDER_CONFIRMED' })
  readonly kind!: NotificationKind;

  @ApiProperty({ example: 'ada@example.com' })
  readonly recipient!: string;

  @ApiProperty({ example: 'Your order #0193f1d2 is confirmed' })
  readonly subject!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-25T10:00:01.000Z' })
  readonly sentAt!: string;
}

export class SentMessagesResponse {
  @ApiProperty({ format: 'uuid', example: '0193f1d2-7c4a-7b1e-9f00-5d2c8a4e6b10' })
  readonly orderId!: string;

  @ApiProperty({
    type: [SentMessageView],
    description: 'oldest first; empty when nothing was sent (or the order is unknown)',
  })
  readonly messages!: SentMessageView[];
}
