import { decideAdvance } from './decide-advance';
import { aCreatedShipment, at } from '../../test/shipment.fixtures';

describe('moving a shipment one step', () => {
  it('given a created shipment, when it advances, then it is dispatched now', () => {
    const decision = decideAdvance(aCreatedShipment(), at(2000));
    expect(decision).toEqual({
      kind: 'advance',
      from: 'CREATED',
      shipment: expect.objectContaining({ status: 'DISPATCHED', dispatchedAt: at(2000), deliveredAt: null }),
    });
  });

  it('given a dispatched shipment, when it advances, then it is delivered now', () => {
    const decision = decideAdvance(aCreatedShipment({ status: 'DISPATCHED', dispatchedAt: at(2000) }), at(6000));
    expect(decision).toEqual({
      kind: 'advance',
      from: 'DISPATCHED',
      shipment: expect.objectContaining({ status: 'DELIVERED', dispatchedAt: at(2000), deliveredAt: at(6000) }),
    });
  });

  it('given a delivered shipment, when it advances, then it is refused as already delivered', () => {
    expect(decideAdvance(aCreatedShipment({ status: 'DELIVERED' }), at(1))).toMatchObject({
      kind: 'refuse',
      code: 'SHIPPING.ALREADY_DELIVERED',
    });
  });

  it('given a cancelled shipment, when it advances, then it is refused as cancelled', () => {
    expect(decideAdvance(aCreatedShipment({ status: 'CANCELLED' }), at(1))).toMatchObject({
      kind: 'refuse',
      code: 'SHIPPING.SHIPMENT_CANCELLED',
    });
  });
});
