import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class FlowQuery {
  @ApiPropertyOptional({
    enum: ['local'],
    description: 'local: this process’s part only, as a peer is asked (CONSOLE_PEERS); by default the peers’ too',
  })
  @IsOptional()
  @IsIn(['local'])
  scope?: 'local';
}
