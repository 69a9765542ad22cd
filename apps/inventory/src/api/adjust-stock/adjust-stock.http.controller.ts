import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AdminOnly } from '@platform/http';
import { CorrelationId } from '@platform/observability';
import { ProblemResponse } from '@platform/http';
import { AdminProductResponse } from '../product.response.dto';
import { ParseSkuPipe } from '../sku';
import { AdjustStockCommand } from './adjust-stock.command';
import { AdjustStockRequest } from './adjust-stock.request.dto';

@ApiTags('inventory admin')
@AdminOnly()
@Controller('admin/products')
export class AdjustStockHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':sku/stock-adjustments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add or remove units on hand; publishes inventory.product-updated.v1' })
  @ApiParam({ name: 'sku', example: 'SKU-0001' })
  @ApiOkResponse({ type: AdminProductResponse, description: 'the product after the adjustment' })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'delta missing, 0 or not an integer (problem+json)' })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'INVENTORY.UNKNOWN_SKU (problem+json)' })
  @ApiUnprocessableEntityResponse({
    type: ProblemResponse,
    description: 'INVENTORY.STOCK_BELOW_RESERVED or INVENTORY.STOCK_TOO_LARGE (problem+json)',
  })
  async adjust(
    @Param('sku', ParseSkuPipe) sku: string,
    @Body() body: AdjustStockRequest,
    @CorrelationId() correlationId: string,
  ): Promise<AdminProductResponse> {
    return AdminProductResponse.of(await this.commands.execute(new AdjustStockCommand(sku, body.delta, correlationId)));
  }
}
