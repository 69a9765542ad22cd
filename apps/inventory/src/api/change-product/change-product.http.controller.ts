import { Body, Controller, Param, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly, ProblemException } from '@platform/http';
import { CorrelationId } from '@platform/observability';
import { ProblemResponse } from '@platform/http';
import { AdminProductResponse } from '../product.response.dto';
import { ParseSkuPipe } from '../sku';
import { ChangeProductCommand } from './change-product.command';
import { ChangeProductRequest } from './change-product.request.dto';

@ApiTags('inventory admin')
@AdminOnly()
@Controller('admin/products')
export class ChangeProductHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':sku')
  @ApiOperation({ summary: 'Change name, price or active flag; publishes inventory.product-updated.v1' })
  @ApiParam({ name: 'sku', example: 'SKU-0001' })
  @ApiOkResponse({ type: AdminProductResponse })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'invalid or empty body, malformed SKU (problem+json)' })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'INVENTORY.UNKNOWN_SKU (problem+json)' })
  async change(
    @Param('sku', ParseSkuPipe) sku: string,
    @Body() body: ChangeProductRequest,
    @CorrelationId() correlationId: string,
  ): Promise<AdminProductResponse> {
    if (body.name === undefined && body.priceMinor === undefined && body.active === undefined) {
      throw new ProblemException({
        status: 400,
        code: 'REQUEST.INVALID',
        detail: 'Give at least one of name, priceMinor, active.',
      });
    }
    return AdminProductResponse.of(await this.commands.execute(new ChangeProductCommand(sku, body, correlationId)));
  }
}
