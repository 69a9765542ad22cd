import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblem, invalidRequest, problemFor, uuidParam } from '@platform/http';
import { QueryBus } from '@nestjs/cqrs';
import { shipmentNotFound } from '../../domain/shipping-refusals';
import { NO_SHIPMENT } from '../../http/shipment-not-found.problem';
import { ShipmentResponse } from '../../http/shipment.response.dto';
import { GetShipmentQuery } from './get-shipment.query';

@ApiTags('shipping')
@Controller('shipments')
export class GetShipmentHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':orderId')
  @ApiOperation({ summary: "An order's shipment: status, carrier and tracking number" })
  @ApiOkResponse({ type: ShipmentResponse })
  @ApiParam({ name: 'orderId', format: 'uuid' })
  @ApiProblem(400, 'orderId is not a UUID', invalidRequest('orderId', 'orderId must be a UUID'))
  @ApiProblem(404, 'No shipment for this order (yet)', NO_SHIPMENT)
  async get(@Param('orderId', uuidParam('orderId')) orderId: string): Promise<ShipmentResponse> {
    const shipment = await this.queries.execute(new GetShipmentQuery(orderId));
    if (!shipment) throw problemFor(shipmentNotFound(orderId));
    return ShipmentResponse.of(shipment);
  }
}
