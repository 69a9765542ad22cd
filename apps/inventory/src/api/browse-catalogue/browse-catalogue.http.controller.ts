import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { ProblemResponse } from '@platform/http';
import { ProductPageResponse, ProductResponse } from '../product.response.dto';
import { ParseSkuPipe, unknownSku } from '../sku';
import { BrowseCatalogueQuery } from './browse-catalogue.query';
import { GetProductQuery } from './get-product.query';
import { ListProductsQuery } from './list-products.query.dto';

/** The public catalogue: read-only. */
@ApiTags('products')
@Controller('products')
export class BrowseCatalogueHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'List the catalogue, by SKU, a page at a time' })
  @ApiOkResponse({ type: ProductPageResponse })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'limit or offset out of range (problem+json)' })
  async list(@Query() query: ListProductsQuery): Promise<ProductPageResponse> {
    const { items, total } = await this.queries.execute(new BrowseCatalogueQuery(query.limit, query.offset));
    return {
      items: items.map((product) => ProductResponse.of(product)),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  @Get(':sku')
  @ApiOperation({ summary: 'One product, with what is available to order' })
  @ApiParam({ name: 'sku', example: 'SKU-0001' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'malformed SKU (problem+json)' })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'INVENTORY.UNKNOWN_SKU (problem+json)' })
  async get(@Param('sku', ParseSkuPipe) sku: string): Promise<ProductResponse> {
    const product = await this.queries.execute(new GetProductQuery(sku));
    if (!product) throw unknownSku(sku);
    return ProductResponse.of(product);
  }
}
