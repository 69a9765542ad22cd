import { ApiProperty } from '@nestjs/swagger';
import { availableOf, type Product } from '../domain/product';

/** A product as shoppers (and the orders context's UI) see it. */
export class ProductResponse {
  @ApiProperty({ example: 'SKU-0001' })
  sku!: string;

  @ApiProperty({ example: 'Espresso cup, stoneware' })
  name!: string;

  @ApiProperty({ type: 'integer', example: 1290, description: 'price in minor units of the currency (cents)' })
  priceMinor!: number;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217' })
  currency!: string;

  @ApiProperty({ type: 'integer', example: 238, description: 'on hand minus reserved' })
  available!: number;

  @ApiProperty({ example: true })
  active!: boolean;

  static of(product: Product): ProductResponse {
    const { sku, name, priceMinor, currency, active } = product;
    return { sku, name, priceMinor, currency, available: availableOf(product), active };
  }
}

/** A product as an operator sees it: the stock counters behind `available`. */
export class AdminProductResponse extends ProductResponse {
  @ApiProperty({ type: 'integer', example: 240 })
  onHand!: number;

  @ApiProperty({ type: 'integer', example: 2 })
  reserved!: number;

  @ApiProperty({ example: '2026-01-05T10:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ example: '2026-01-05T10:00:00.000Z' })
  updatedAt!: string;

  static override of(product: Product): AdminProductResponse {
    return {
      ...ProductResponse.of(product),
      onHand: product.onHand,
      reserved: product.reserved,
      createdAt: product.createdAt.toISOString(),
      updatedAt: product.updatedAt.toISOString(),
    };
  }
}

export class ProductPageResponse {
  @ApiProperty({ type: [ProductResponse] })
  items!: ProductResponse[];

  @ApiProperty({ type: 'integer', example: 20, description: 'products in the catalogue' })
  total!: number;

  @ApiProperty({ type: 'integer', example: 50 })
  limit!: number;

  @ApiProperty({ type: 'integer', example: 0 })
  offset!: number;
}
