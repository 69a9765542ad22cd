import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblem, invalidRequest, orProblem } from '@platform/http';
import { CorrelationId } from '@platform/observability';
import { AdminProductResponse } from '../../http/product.response.dto';
import { CreateProductCommand } from './create-product.command';
import { CreateProductRequest } from './create-product.request.dto';

@ApiTags('admin: inventory')
@AdminOnly()
@Controller('admin/products')
export class CreateProductHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Add a product to the catalogue; publishes inventory.product-updated.v1' })
  @ApiCreatedResponse({ type: AdminProductResponse })
  @ApiProblem(
    400,
    'invalid body',
    invalidRequest('sku', 'sku must be upper-case letters and digits in dash-separated groups'),
  )
  @ApiProblem(409, 'INVENTORY.DUPLICATE_SKU', {
    code: 'INVENTORY.DUPLICATE_SKU',
    detail: 'A product with SKU SKU-0001 exists already.',
  })
  async create(
    @Body() body: CreateProductRequest,
    @CorrelationId() correlationId: string,
  ): Promise<AdminProductResponse> {
    return AdminProductResponse.of(
      orProblem(await this.commands.execute(new CreateProductCommand(body, correlationId))),
    );
  }
}
