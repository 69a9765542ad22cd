import { Controller, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '@platform/http';
import { QueryBus } from '@nestjs/cqrs';
import { orderIdPipe } from '../order-id.pipe';
import { ProblemResponse } from '@platform/http';
import { ShipmentResponse } from '../shipment.response';
import { GetShipmentQuery } from './get-shipment.query';

@ApiTags('shipping')
@Controller('shipments')
export class GetShipmentHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':orderId')
  @ApiOperation({ summary: "An order's shipment: status, carrier and tracking number" })
  @ApiOkResponse({ type: ShipmentResponse })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'orderId is not a UUID (problem+json)' })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No shipment for this order (yet) (problem+json)' })
  async get(@Param('orderId', orderIdPipe) orderId: string): Promise<ShipmentResponse> {
    const shipment = await this.queries.execute(new GetShipmentQuery(orderId));
    if (!shipment)
      throw new ProblemException({
        status: 404,
        code: 'SHIPPING.SHIPMENT_NOT_FOUND',
        detail: `There is no shipment for order ${orderId}.`,
      });
    return ShipmentResponse.of(shipment);
  }
}
