import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Min, MinLength, ValidateNested } from 'class-validator';
import { strictValidationPipe } from './validation';

class AddressDto {
  @IsString()
  @MinLength(2)
  city!: string;
}

class PlaceOrderDto {
  @IsString()
  sku!: string;

  @IsInt()
  @Min(1)
  quantity!: number;

  @ValidateNested()
  @Type(() => AddressDto)
  shipTo!: AddressDto;
}

describe('strictValidationPipe', () => {
  const body: ArgumentMetadata = { type: 'body', metatype: PlaceOrderDto };

  async function rejection(value: unknown): Promise<BadRequestException> {
    try {
      await strictValidationPipe().transform(value, body);
    } catch (error) {
      if (error instanceof BadRequestException) return error;
      throw error;
    }
    throw new Error('expected the pipe to reject the value, but it accepted it');
  }

  it('accepts a valid body and turns it into the DTO class', async () => {
    // given
    const value = { sku: 'SKU-1', quantity: 2, shipTo: { city: 'Ghent' } };
    // when
    const dto = await strictValidationPipe().transform(value, body);
    // then
    expect(dto).toBeInstanceOf(PlaceOrderDto);
    expect(dto.shipTo).toBeInstanceOf(AddressDto);
    expect(dto).toEqual(value);
  });

  it('names every failing field, nested ones by their path, in a problem with a stable code', async () => {
    // given
    const value = { sku: 7, quantity: 0, shipTo: { city: 'X' } };
    // when
    const error = await rejection(value);
    // then
    expect(error.getStatus()).toBe(400);
    expect(error.getResponse()).toMatchObject({ status: 400, code: 'REQUEST.INVALID', title: 'Bad Request' });
    const { errors } = error.getResponse() as { errors: Array<{ field: string; problems: string[] }> };
    expect(errors).toEqual([
      { field: 'sku', problems: ['sku must be a string'] },
      { field: 'quantity', problems: ['quantity must not be less than 1'] },
      { field: 'shipTo.city', problems: ['city must be longer than or equal to 2 characters'] },
    ]);
  });

  it('refuses unknown properties instead of silently dropping them, nested ones too', async () => {
    // given
    const value = { sku: 'SKU-1', quantity: 1, shipTo: { city: 'Ghent', floor: 3 }, isAdmin: true };
    // when
    const error = await rejection(value);
    // then
    const { errors } = error.getResponse() as { errors: Array<{ field: string; problems: string[] }> };
    expect(errors).toEqual([
      { field: 'isAdmin', problems: ['property isAdmin should not exist'] },
      { field: 'shipTo.floor', problems: ['property floor should not exist'] },
    ]);
  });
});
