import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblem, invalidRequest, orProblem, uuidParam } from '@platform/http';
import { CorrelationId } from '@platform/observability';
import { NO_SHIPMENT } from '../../http/shipment-not-found.problem';
import { ShipmentResponse } from '../../http/shipment.response.dto';
import { AdvanceShipmentCommand } from './advance-shipment.command';

@ApiTags('admin: shipping')
@Controller('admin/shipments')
export class AdvanceShipmentHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':orderId/advance')
  @HttpCode(200)
  @AdminOnly()
  @ApiOperation({
    summary: 'Move a shipment one step now (CREATED -> DISPATCHED -> DELIVERED), whatever the carrier clock says',
  })
  @ApiOkResponse({ type: ShipmentResponse, description: 'The shipment after the step; its event is in the outbox' })
  @ApiParam({ name: 'orderId', format: 'uuid' })
  @ApiProblem(400, 'orderId is not a UUID', invalidRequest('orderId', 'orderId must be a UUID'))
  @ApiProblem(404, 'No shipment for this order', NO_SHIPMENT)
  @ApiProblem(
    409,
    'Already delivered (SHIPPING.ALREADY_DELIVERED) or cancelled (SHIPPING.SHIPMENT_CANCELLED)',
    { code: 'SHIPPING.ALREADY_DELIVERED', detail: 'The shipment has been delivered already.' },
    { code: 'SHIPPING.SHIPMENT_CANCELLED', detail: 'The shipment was cancelled.' },
  )
  async advance(
    @Param('orderId', uuidParam('orderId')) orderId: string,
    @CorrelationId() correlationId: string,
  ): Promise<ShipmentResponse> {
    const trigger = { by: 'operator', correlationId } as const;
    return ShipmentResponse.of(orProblem(await this.commands.execute(new AdvanceShipmentCommand(orderId, trigger))));
  }
}
