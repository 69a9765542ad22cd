import { ApiProperty } from '@nestjs/swagger';

export class RevenueDay {
  @ApiProperty({ example: '2026-11-20', description: 'UTC day of confirmation' })
  day!: string;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217' })
  currency!: string;

  @ApiProperty({ type: 'integer', example: 125_990, description: 'sum of the order totals, minor units' })
  totalMinor!: number;

  @ApiProperty({ type: 'integer', example: 14, description: 'orders counted' })
  orders!: number;
}

export class RevenueResponse {
  @ApiProperty({ example: '2026-11-01', nullable: true, type: String })
  from!: string | null;

  @ApiProperty({ example: '2026-11-30', nullable: true, type: String })
  to!: string | null;

  @ApiProperty({ type: [RevenueDay], description: 'by day, then currency' })
  days!: RevenueDay[];
}
