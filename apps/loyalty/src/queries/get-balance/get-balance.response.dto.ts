import { ApiProperty } from '@nestjs/swagger';

export class LedgerEntryResponse {
  @ApiProperty({ example: '0193a1b2-0000-7000-8000-000000000001' })
  orderId!: string;

  @ApiProperty({ enum: ['CREDIT', 'REVERSAL'], example: 'CREDIT' })
  kind!: 'CREDIT' | 'REVERSAL';

  @ApiProperty({ type: 'integer', example: 123, description: 'points added (negative for a reversal)' })
  points!: number;

  @ApiProperty({ example: '2026-11-25T12:34:56.789Z', description: 'when loyalty booked the entry' })
  at!: string;
}

export class LoyaltyBalanceResponse {
  @ApiProperty({ example: '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b' })
  customerId!: string;

  @ApiProperty({ type: 'integer', example: 123, description: 'sum of the ledger; 0 for a customer without entries' })
  balance!: number;

  @ApiProperty({ type: [LedgerEntryResponse], description: 'oldest first' })
  ledger!: LedgerEntryResponse[];
}
