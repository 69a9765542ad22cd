import { refuseOrderId, refuseTerms } from './payment-request-validation';

const orderId = '0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b';
const terms = { orderId, customerId: 'c-1', amountMinor: 100, currency: 'EUR' };

describe('payment request validation', () => {
  it('accepts well-formed terms', () => {
    expect(refuseTerms(terms)).toBeNull();
  });

  it.each([
    [{ ...terms, orderId: 'order-1' }, 'PAYMENTS.INVALID_ORDER_ID'],
    [{ ...terms, amountMinor: 0 }, 'PAYMENTS.INVALID_AMOUNT'],
    [{ ...terms, amountMinor: -5 }, 'PAYMENTS.INVALID_AMOUNT'],
    [{ ...terms, amountMinor: 1.5 }, 'PAYMENTS.INVALID_AMOUNT'],
    [{ ...terms, currency: 'eur' }, 'PAYMENTS.INVALID_CURRENCY'],
    [{ ...terms, currency: 'EURO' }, 'PAYMENTS.INVALID_CURRENCY'],
  ])('refuses %j with %s', (given, code) => {
    expect(refuseTerms(given)?.code).toBe(code);
  });

  it('refuses an order id that is not a UUID', () => {
    expect(refuseOrderId('42')?.code).toBe('PAYMENTS.INVALID_ORDER_ID');
    expect(refuseOrderId(orderId)).toBeNull();
  });
});
