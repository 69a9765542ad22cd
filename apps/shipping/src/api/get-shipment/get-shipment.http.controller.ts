import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ProblemException } from '@platform/http';
import { QueryBus } from '@nestjs/cqrs';
import { BAD_ORDER_ID, NO_SHIPMENT, orderIdPipe } from '../order-id.pipe';
import { ShipmentResponse } from '../shipment.response';
import { GetShipmentQuery } from './get-shipment.query';

@ApiTags('shipping')
@Controller('shipments')
export class GetShipmentHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':orderId')
  @ApiOperation({ summary: "An order's shipment: status, carrier and tracking number" })
  @ApiOkResponse({ type: ShipmentResponse })
  @ApiParam({ name: 'orderId', format: 'uuid' })
  @ApiProblem(400, 'orderId is not a UUID', BAD_ORDER_ID)
  @ApiProblem(404, 'No shipment for this order (yet)', NO_SHIPMENT)
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
