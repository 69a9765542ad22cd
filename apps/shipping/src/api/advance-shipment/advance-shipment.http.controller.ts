import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblem, ProblemException } from '@platform/http';
import { CorrelationId } from '@platform/observability';
import { BAD_ORDER_ID, NO_SHIPMENT, orderIdPipe } from '../order-id.pipe';
import { ShipmentResponse } from '../shipment.response';
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
  @ApiProblem(400, 'orderId is not a UUID', BAD_ORDER_ID)
  @ApiProblem(404, 'No shipment for this order', NO_SHIPMENT)
  @ApiProblem(
    409,
    'Already delivered (SHIPPING.ALREADY_DELIVERED) or cancelled (SHIPPING.SHIPMENT_CANCELLED)',
    { code: 'SHIPPING.ALREADY_DELIVERED', detail: 'The shipment has been delivered already.' },
    { code: 'SHIPPING.SHIPMENT_CANCELLED', detail: 'The shipment was cancelled.' },
  )
  async advance(
    @Param('orderId', orderIdPipe) orderId: string,
    @CorrelationId() correlationId: string,
  ): Promise<ShipmentResponse> {
    const outcome = await this.commands.execute(new AdvanceShipmentCommand(orderId, { by: 'operator', correlationId }));
    switch (outcome.kind) {
      case 'advanced':
        return ShipmentResponse.of(outcome.shipment);
      case 'refused':
        throw new ProblemException({ status: 409, code: outcome.code, detail: outcome.detail });
      case 'not-found':
      case 'not-due': // not asked for here
        throw new ProblemException({
          status: 404,
          code: 'SHIPPING.SHIPMENT_NOT_FOUND',
          detail: `There is no shipment for order ${orderId}.`,
        });
      default:
        return assertNever(outcome);
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected outcome ${JSON.stringify(value)}`);
}
