import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { ApiProblem, invalidRequest, problemFor } from '@platform/http';
import { ProductPageResponse, ProductResponse } from '../../http/product.response.dto';
import { unknownSku } from '../../domain/product';
import { BAD_SKU, ParseSkuPipe, SKU_PARAM, UNKNOWN_SKU } from '../../http/sku';
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
  @ApiProblem(400, 'limit or offset out of range', invalidRequest('limit', 'limit must not be greater than 200'))
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
  @ApiParam(SKU_PARAM)
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblem(400, 'malformed SKU', BAD_SKU)
  @ApiProblem(404, 'INVENTORY.UNKNOWN_SKU', UNKNOWN_SKU)
  async get(@Param('sku', ParseSkuPipe) sku: string): Promise<ProductResponse> {
    const product = await this.queries.execute(new GetProductQuery(sku));
    if (!product) throw problemFor(unknownSku(sku));
    return ProductResponse.of(product);
  }
}
