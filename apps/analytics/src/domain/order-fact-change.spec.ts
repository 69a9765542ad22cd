import { orderFactChangeOf, type ProjectedEvent } from './order-fact-change';

const address = { name: 'Ada', line1: '1 Main St', city: 'Paris', postalCode: '75001', country: 'FR' };
const lines = [{ sku: 'SKU-A', quantity: 2, unitPriceMinor: 1250 }];
const order = { orderId: 'o-1', customerId: 'c-1', customerEmail: 'ada@example.com', currency: 'EUR', lines };

describe('orderFactChangeOf', () => {
  it('given a placed order, records the placement and the details, which later events may correct', () => {
    const event: ProjectedEvent = {
      type: 'orders.order-placed',
      payload: { ...order, totalMinor: 2500, shippingAddress: address, placedAt: '2026-11-20T10:00:00.000Z' },
    };
    expect(orderFactChangeOf(event)).toEqual({
      orderId: 'o-1',
      milestone: 'placed',
      status: 'PLACED',
      at: new Date('2026-11-20T10:00:00.000Z'),
      details: { customerId: 'c-1', currency: 'EUR', totalMinor: 2500, lines },
      detailsFinal: false,
    });
  });

  it('given a confirmation, its details are final', () => {
    const event: ProjectedEvent = {
      type: 'orders.order-confirmed',
      payload: { ...order, totalMinor: 2500, shippingAddress: address, confirmedAt: '2026-11-20T10:01:00Z' },
    };
    expect(orderFactChangeOf(event)).toMatchObject({ milestone: 'confirmed', status: 'CONFIRMED', detailsFinal: true });
  });

  it('given a cancellation, records it with the totals but without lines', () => {
    const event: ProjectedEvent = {
      type: 'orders.order-cancelled',
      payload: {
        orderId: 'o-1',
        customerId: 'c-1',
        customerEmail: 'ada@example.com',
        currency: 'EUR',
        totalMinor: 2500,
        reason: 'CUSTOMER_REQUEST',
        detail: '',
        wasConfirmed: true,
        cancelledAt: '2026-11-21T08:00:00Z',
      },
    };
    expect(orderFactChangeOf(event)).toMatchObject({
      status: 'CANCELLED',
      details: { customerId: 'c-1', currency: 'EUR', totalMinor: 2500 },
      detailsFinal: false,
    });
  });

  it('given shipment events, records the milestones alone', () => {
    const dispatched = orderFactChangeOf({
      type: 'shipping.shipment-dispatched',
      payload: { orderId: 'o-1', shipmentId: 's-1', dispatchedAt: '2026-11-21T09:00:00Z' },
    });
    const delivered = orderFactChangeOf({
      type: 'shipping.shipment-delivered',
      payload: { orderId: 'o-1', shipmentId: 's-1', deliveredAt: '2026-11-22T09:00:00Z' },
    });
    expect(dispatched).toMatchObject({ milestone: 'dispatched', status: 'DISPATCHED', details: undefined });
    expect(delivered).toMatchObject({ milestone: 'delivered', status: 'DELIVERED', details: undefined });
  });

  it.each(['yesterday', '2026-11-21', '2026-13-45T00:00:00Z'])('refuses the time %p for good', (time) => {
    const refusal = orderFactChangeOf({
      type: 'shipping.shipment-delivered',
      payload: { orderId: 'o-1', shipmentId: 's-1', deliveredAt: time },
    });
    expect(refusal).toMatchObject({ code: 'ANALYTICS.BAD_TIMESTAMP' });
  });
});
