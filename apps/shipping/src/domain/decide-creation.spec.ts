import { decideCreation } from './decide-creation';
import { tombstone } from './shipment';
import { aCreatedShipment, ORDER_ID, T0 } from '../../test/shipment.fixtures';

describe('deciding whether a confirmed order gets a shipment', () => {
  it('given no shipment yet, when the order is confirmed, then one is created', () => {
    expect(decideCreation(undefined)).toEqual({ kind: 'create' });
  });

  it('given a shipment already created, when the confirmation comes again, then nothing more is created', () => {
    expect(decideCreation(aCreatedShipment())).toEqual({ kind: 'skip', reason: 'ALREADY_CREATED' });
  });

  it('given a cancellation arrived first (tombstone), when the confirmation arrives, then nothing is created', () => {
    expect(decideCreation(tombstone(ORDER_ID, 'TIMEOUT', 'corr-1', T0))).toEqual({
      kind: 'skip',
      reason: 'CANCELLED_BEFORE_CONFIRMATION',
    });
  });

  it('given a shipment created then cancelled, when the confirmation comes again, then nothing is created', () => {
    const cancelled = aCreatedShipment({ status: 'CANCELLED', cancelledAt: T0 });
    expect(decideCreation(cancelled)).toEqual({ kind: 'skip', reason: 'ALREADY_CREATED' });
  });
});
