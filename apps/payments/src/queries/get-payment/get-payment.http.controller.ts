import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { ApiProblem, invalidRequest, ProblemException, uuidParam } from '@platform/http';
import { GetPaymentQuery } from './get-payment.query';
import { PaymentResponse } from './payment.response.dto';

@ApiTags('payments')
@Controller('payments')
export class GetPaymentHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':orderId')
  @ApiOperation({ summary: "An order's payment: status, amount, currency and when it last changed" })
  @ApiParam({ name: 'orderId', format: 'uuid', example: '0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b' })
  @ApiOkResponse({ type: PaymentResponse, description: 'the payment' })
  @ApiProblem(400, 'orderId is not a UUID', invalidRequest('orderId', 'orderId must be a UUID'))
  @ApiProblem(404, 'no payment for this order', {
    code: 'PAYMENTS.NOT_FOUND',
    detail: 'No payment for order 0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b.',
  })
  async get(@Param('orderId', uuidParam('orderId')) orderId: string): Promise<PaymentResponse> {
    const payment = await this.queries.execute(new GetPaymentQuery(orderId));
    if (!payment) {
      throw new ProblemException({
        status: 404,
        code: 'PAYMENTS.NOT_FOUND',
        detail: `No payment for order ${orderId}.`,
      });
    }
    return PaymentResponse.of(payment);
  }
}
