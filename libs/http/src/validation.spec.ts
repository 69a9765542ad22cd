import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { DecimalInteger } from './decimal-integer.decorator';
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

class ContactDto {
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsOptional()
  @IsString()
  nickname?: string;
}

class PageQuery {
  @IsOptional()
  @DecimalInteger()
  @Min(0)
  offset?: number;
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

  it('says a missing required field is required, and only that, nested ones too', async () => {
    // given
    const contact: ArgumentMetadata = { type: 'body', metatype: ContactDto };
    const order = { quantity: 1, shipTo: {} };
    // when
    const missingEmail = await strictValidationPipe()
      .transform({}, contact)
      .catch((error: BadRequestException) => error.getResponse());
    const missingFields = (await rejection(order)).getResponse();
    // then: not "must be shorter than or equal to 254 characters, must be an email"
    expect(missingEmail).toMatchObject({ errors: [{ field: 'email', problems: ['email is required'] }] });
    expect(missingFields).toMatchObject({
      errors: [
        { field: 'sku', problems: ['sku is required'] },
        { field: 'shipTo.city', problems: ['city is required'] },
      ],
    });
  });

  describe('a DecimalInteger query parameter', () => {
    const query: ArgumentMetadata = { type: 'query', metatype: PageQuery };

    it.each([
      ['0', 0],
      ['42', 42],
      ['007', 7],
      ['9007199254740991', 9007199254740991],
    ])('takes %p as %p', async (offset, expected) => {
      expect(await strictValidationPipe().transform({ offset }, query)).toEqual({ offset: expected });
    });

    it.each(['0x10', '1e1', '+1', ' 1 ', '', '1.0', '1_0', '9007199254740992', '99999999999999999999', 'NaN'])(
      'refuses %p, naming the parameter',
      async (offset) => {
        // when
        const error = await strictValidationPipe()
          .transform({ offset }, query)
          .catch((refusal: BadRequestException) => refusal.getResponse());
        // then
        expect(error).toMatchObject({
          code: 'REQUEST.INVALID',
          errors: [
            {
              field: 'offset',
              problems: expect.arrayContaining([expect.stringMatching(/offset must be a whole number/)]),
            },
          ],
        });
      },
    );

    it('keeps a sign for negatives, so a bound says what is wrong', async () => {
      const error = await strictValidationPipe()
        .transform({ offset: '-1' }, query)
        .catch((refusal: BadRequestException) => refusal.getResponse());
      expect(error).toMatchObject({ errors: [{ field: 'offset', problems: ['offset must not be less than 0'] }] });
    });
  });
});
