import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { FunnelResponse } from './get-funnel.response.dto';
import { GetFunnelQuery } from './get-funnel.query';

@ApiTags('analytics')
@Controller('analytics')
export class FunnelHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('funnel')
  @ApiOperation({ summary: 'The order funnel: placed, confirmed, dispatched, delivered, cancelled' })
  @ApiOkResponse({ type: FunnelResponse })
  async get(): Promise<FunnelResponse> {
    return this.queries.execute(new GetFunnelQuery());
  }
}
