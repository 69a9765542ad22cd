import { ApiProperty } from '@nestjs/swagger';

export class ProductUnits {
  @ApiProperty({ example: 'SKU-0004' })
  sku!: string;

  @ApiProperty({ type: 'integer', example: 42, description: 'units in confirmed orders that were not cancelled' })
  units!: number;
}

export class TopProductsResponse {
  @ApiProperty({ type: [ProductUnits], description: 'most units first, then by sku' })
  products!: ProductUnits[];
}
