import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderFactsQueries } from '../../persistence/order-facts.queries';
import { FunnelResponse } from './funnel.response.dto';

@ApiTags('analytics')
@Controller('analytics')
export class FunnelHttpController {
  constructor(private readonly queries: OrderFactsQueries) {}

  @Get('funnel')
  @ApiOperation({ summary: 'The order funnel: placed, confirmed, dispatched, delivered, cancelled' })
  @ApiOkResponse({ type: FunnelResponse })
  async get(): Promise<FunnelResponse> {
    return this.queries.funnel();
  }
}
