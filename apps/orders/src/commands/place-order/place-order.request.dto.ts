import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsEmail,
  IsISO4217CurrencyCode,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { OrderLineRequest } from './order-line.request.dto';
import { ShippingAddressRequest } from './shipping-address.request.dto';

/** POST /orders. No prices: they come from the price list, never from the client. */
export class PlaceOrderRequest {
  @ApiProperty({ format: 'uuid', example: '0192f5a4-0000-7000-8000-00000000c0de' })
  @IsUUID()
  customerId!: string;

  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail()
  @MaxLength(254)
  customerEmail!: string;

  @ApiProperty({ description: 'ISO 4217, the currency the products are priced in', example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be 3 upper-case letters' })
  @IsISO4217CurrencyCode()
  currency!: string;

  @ApiProperty({ type: [OrderLineRequest], minItems: 1, maxItems: 100, description: 'one line per sku' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique((line: OrderLineRequest) => line?.sku, { message: 'lines must not repeat a sku' })
  @ValidateNested({ each: true })
  @Type(() => OrderLineRequest)
  lines!: OrderLineRequest[];

  @ApiProperty({ type: ShippingAddressRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => ShippingAddressRequest)
  shippingAddress!: ShippingAddressRequest;

  @ApiProperty({
    description:
      "the payment processor's card token; never stored. Test tokens: tok_visa succeeds, tok_decline is declined, " +
      'tok_flaky fails transiently before succeeding, tok_timeout times out',
    example: 'tok_visa',
  })
  @IsString()
  @Length(1, 200)
  paymentToken!: string;
}
