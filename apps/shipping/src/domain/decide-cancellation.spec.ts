import { decideCancellation } from './decide-cancellation';
import { tombstone } from './shipment';
import { aCreatedShipment, at, ORDER_ID, T0 } from '../../test/shipment.fixtures';

describe('deciding what an order cancellation does to its shipment', () => {
  const now = at(500);

  it('given no shipment, when the order is cancelled, then a tombstone is recorded', () => {
    expect(decideCancellation(undefined, 'PAYMENT_DECLINED', now)).toEqual({ kind: 'record-tombstone' });
  });

  it('given a shipment not yet dispatched, when the order is cancelled, then it is cancelled with the reason', () => {
    const decision = decideCancellation(aCreatedShipment(), 'CUSTOMER_REQUEST', now);
    expect(decision).toEqual({
      kind: 'cancel',
      shipment: expect.objectContaining({ status: 'CANCELLED', cancelledAt: now, cancelReason: 'CUSTOMER_REQUEST' }),
    });
  });

  it.each(['DISPATCHED', 'DELIVERED'] as const)(
    'given a %s shipment, when the order is cancelled, then it is too late to stop it',
    (status) => {
      expect(decideCancellation(aCreatedShipment({ status }), 'CUSTOMER_REQUEST', now)).toEqual({
        kind: 'too-late',
        status,
      });
    },
  );

  it('given a cancelled shipment or a tombstone, when the cancellation comes again, then nothing changes', () => {
    expect(decideCancellation(aCreatedShipment({ status: 'CANCELLED' }), 'TIMEOUT', now)).toEqual({
      kind: 'already-cancelled',
    });
    expect(decideCancellation(tombstone(ORDER_ID, 'TIMEOUT', 'c', T0), 'TIMEOUT', now)).toEqual({
      kind: 'already-cancelled',
    });
  });
});
