import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@platform/http';
import { CorrelationId } from '@platform/observability';
import { ProblemResponse } from '@platform/http';
import { AdminProductResponse } from '../product.response.dto';
import { CreateProductCommand } from './create-product.command';
import { CreateProductRequest } from './create-product.request.dto';

@ApiTags('inventory admin')
@AdminOnly()
@Controller('admin/products')
export class CreateProductHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Add a product to the catalogue; publishes inventory.product-updated.v1' })
  @ApiCreatedResponse({ type: AdminProductResponse })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'invalid body (problem+json)' })
  @ApiConflictResponse({ type: ProblemResponse, description: 'INVENTORY.DUPLICATE_SKU (problem+json)' })
  async create(
    @Body() body: CreateProductRequest,
    @CorrelationId() correlationId: string,
  ): Promise<AdminProductResponse> {
    return AdminProductResponse.of(await this.commands.execute(new CreateProductCommand(body, correlationId)));
  }
}
