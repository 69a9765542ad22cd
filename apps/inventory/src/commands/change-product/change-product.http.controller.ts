import { Body, Controller, Param, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblem, invalidRequest, orProblem, ProblemException } from '@platform/http';
import { CorrelationId } from '@platform/observability';
import { AdminProductResponse } from '../../http/product.response.dto';
import { BAD_SKU, ParseSkuPipe, SKU_PARAM, UNKNOWN_SKU } from '../../http/sku';
import { ChangeProductCommand } from './change-product.command';
import { ChangeProductRequest } from './change-product.request.dto';

const EMPTY_CHANGE = 'Give at least one of name, priceMinor, active.';

@ApiTags('admin: inventory')
@AdminOnly()
@Controller('admin/products')
export class ChangeProductHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':sku')
  @ApiOperation({ summary: 'Change name, price or active flag; publishes inventory.product-updated.v1' })
  @ApiParam(SKU_PARAM)
  @ApiOkResponse({ type: AdminProductResponse })
  @ApiProblem(
    400,
    'invalid or empty body, malformed SKU',
    invalidRequest('priceMinor', 'priceMinor must not be less than 1'),
    { name: 'empty', code: 'REQUEST.INVALID', detail: EMPTY_CHANGE },
    { name: 'sku', ...BAD_SKU },
  )
  @ApiProblem(404, 'INVENTORY.UNKNOWN_SKU', UNKNOWN_SKU)
  async change(
    @Param('sku', ParseSkuPipe) sku: string,
    @Body() body: ChangeProductRequest,
    @CorrelationId() correlationId: string,
  ): Promise<AdminProductResponse> {
    if (body.name === undefined && body.priceMinor === undefined && body.active === undefined) {
      throw new ProblemException({
        status: 400,
        code: 'REQUEST.INVALID',
        detail: EMPTY_CHANGE,
      });
    }
    return AdminProductResponse.of(
      orProblem(await this.commands.execute(new ChangeProductCommand(sku, body, correlationId))),
    );
  }
}
