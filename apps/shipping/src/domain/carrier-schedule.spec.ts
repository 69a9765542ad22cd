import { dueCutoffs, isDue } from './carrier-schedule';
import { aCreatedShipment, at, T0 } from '../../test/shipment.fixtures';

describe("the carrier's schedule", () => {
  const schedule = { dispatchAfterMs: 2000, deliverAfterMs: 4000 };

  it('given a shipment created at T0, then it is due for dispatch from T0 + 2 s, not before', () => {
    expect(isDue(aCreatedShipment(), at(1999), schedule)).toBe(false);
    expect(isDue(aCreatedShipment(), at(2000), schedule)).toBe(true);
  });

  it('given a shipment dispatched at T0 + 2 s, then it is due for delivery from T0 + 6 s, not before', () => {
    const dispatched = aCreatedShipment({ status: 'DISPATCHED', dispatchedAt: at(2000) });
    expect(isDue(dispatched, at(5999), schedule)).toBe(false);
    expect(isDue(dispatched, at(6000), schedule)).toBe(true);
  });

  it('given a delivered or cancelled shipment, then it is never due', () => {
    expect(isDue(aCreatedShipment({ status: 'DELIVERED' }), at(60_000), schedule)).toBe(false);
    expect(isDue(aCreatedShipment({ status: 'CANCELLED' }), at(60_000), schedule)).toBe(false);
  });

  it('gives the cutoffs a query for due shipments uses', () => {
    expect(dueCutoffs(at(10_000), schedule)).toEqual({ createdBy: at(8000), dispatchedBy: at(6000) });
    expect(dueCutoffs(T0, { dispatchAfterMs: 0, deliverAfterMs: 0 })).toEqual({ createdBy: T0, dispatchedBy: T0 });
  });
});
