import type { Shipment } from './shipment';

/** How fast the (fake) carrier moves a parcel on. */
export interface CarrierSchedule {
  readonly dispatchAfterMs: number;
  readonly deliverAfterMs: number;
}

/** Shipments created at or before `createdBy` are due for dispatch; dispatched at or before `dispatchedBy`, for delivery. */
export function dueCutoffs(now: Date, schedule: CarrierSchedule): { createdBy: Date; dispatchedBy: Date } {
  return {
    createdBy: new Date(now.getTime() - schedule.dispatchAfterMs),
    dispatchedBy: new Date(now.getTime() - schedule.deliverAfterMs),
  };
}

/** Whether the carrier has moved this shipment on by `now` (a step it has not yet taken). */
export function isDue(shipment: Shipment, now: Date, schedule: CarrierSchedule): boolean {
  const { createdBy, dispatchedBy } = dueCutoffs(now, schedule);
  if (shipment.status === 'CREATED') return shipment.createdAt !== null && shipment.createdAt <= createdBy;
  if (shipment.status === 'DISPATCHED') return shipment.dispatchedAt !== null && shipment.dispatchedAt <= dispatchedBy;
  return false;
}
