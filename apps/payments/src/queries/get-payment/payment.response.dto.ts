import { ApiProperty } from '@nestjs/swagger';
import { PAYMENT_STATUSES, type Payment, type PaymentStatus } from '../../domain/payment';

/** A payment as customers and support see it: no card token, no processor reference. */
export class PaymentResponse {
  @ApiProperty({ example: '0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b', format: 'uuid' })
  orderId!: string;

  @ApiProperty({ enum: PAYMENT_STATUSES, example: 'AUTHORIZED' })
  status!: PaymentStatus;

  @ApiProperty({
    example: 4999,
    nullable: true,
    type: 'integer',
    description: 'in minor units (cents); null when the payment was voided before anything was authorised',
  })
  amountMinor!: number | null;

  @ApiProperty({ example: 'EUR', nullable: true, type: String, description: 'ISO 4217' })
  currency!: string | null;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'why it was declined (DECLINED, TIMEOUT, PROCESSOR_UNAVAILABLE)',
  })
  declineReason!: string | null;

  @ApiProperty({ example: '2026-03-01T10:00:00.000Z', format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ example: '2026-03-01T10:00:01.250Z', format: 'date-time' })
  updatedAt!: string;

  static of(payment: Payment): PaymentResponse {
    return {
      orderId: payment.orderId,
      status: payment.status,
      amountMinor: payment.terms?.amountMinor ?? null,
      currency: payment.terms?.currency ?? null,
      declineReason: payment.decline?.reason ?? null,
      createdAt: payment.createdAt.toISOString(),
      updatedAt: payment.updatedAt.toISOString(),
    };
  }
}
