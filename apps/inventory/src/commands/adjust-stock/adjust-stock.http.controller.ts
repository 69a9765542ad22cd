import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblem, invalidRequest, orProblem } from '@platform/http';
import { CorrelationId } from '@platform/observability';
import { AdminProductResponse } from '../../http/product.response.dto';
import { BAD_SKU, ParseSkuPipe, SKU_PARAM, UNKNOWN_SKU } from '../../http/sku';
import { AdjustStockCommand } from './adjust-stock.command';
import { AdjustStockRequest } from './adjust-stock.request.dto';

@ApiTags('admin: inventory')
@AdminOnly()
@Controller('admin/products')
export class AdjustStockHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':sku/stock-adjustments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add or remove units on hand; publishes inventory.product-updated.v1' })
  @ApiParam(SKU_PARAM)
  @ApiOkResponse({ type: AdminProductResponse, description: 'the product after the adjustment' })
  @ApiProblem(
    400,
    'delta missing, 0 or not an integer, or a malformed SKU',
    invalidRequest('delta', 'delta should not be equal to 0'),
    { name: 'sku', ...BAD_SKU },
  )
  @ApiProblem(404, 'INVENTORY.UNKNOWN_SKU', UNKNOWN_SKU)
  @ApiProblem(
    422,
    'INVENTORY.STOCK_BELOW_RESERVED or INVENTORY.STOCK_TOO_LARGE',
    {
      code: 'INVENTORY.STOCK_BELOW_RESERVED',
      detail: 'SKU-0001: removing 240 of 240 on hand would leave 0, below the 2 reserved',
    },
    { code: 'INVENTORY.STOCK_TOO_LARGE', detail: 'SKU-0001: on hand would exceed 2147483647' },
  )
  async adjust(
    @Param('sku', ParseSkuPipe) sku: string,
    @Body() body: AdjustStockRequest,
    @CorrelationId() correlationId: string,
  ): Promise<AdminProductResponse> {
    return AdminProductResponse.of(
      orProblem(await this.commands.execute(new AdjustStockCommand(sku, body.delta, correlationId))),
    );
  }
}
