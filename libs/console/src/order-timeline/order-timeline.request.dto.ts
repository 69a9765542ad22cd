import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export class OrderTimelineQuery {
  @ApiPropertyOptional({ enum: ['local'], description: "this process's part only, as a peer is asked for it" })
  @IsOptional()
  @IsIn(['local'])
  scope?: 'local';

  @ApiPropertyOptional({
    description:
      'with scope=local: event ids produced elsewhere whose handling here to report, comma-separated (up to 100)',
    example: '0193f1d2-7c4a-7b1e-9f00-5d2c8a4e6b10',
  })
  @IsOptional()
  @Matches(new RegExp(`^${UUID}(,${UUID}){0,99}$`), { message: 'eventIds must be up to 100 UUIDs, comma-separated' })
  eventIds?: string;
}
