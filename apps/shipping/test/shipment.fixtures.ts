import { createdShipment, type Shipment } from '../src/domain/shipment';

export const T0 = new Date('2026-11-25T10:00:00.000Z');
export const ORDER_ID = '0193f1d2-7c4a-7b1e-9f00-5d2c8a4e6b10';

export function aCreatedShipment(overrides: Partial<Shipment> = {}): Shipment {
  const parcel = { shipmentId: '8d1e5c6a-1b2f-5a3c-9d4e-7f6a5b4c3d2e', carrier: 'fake-carrier', trackingNumber: 'FC1' };
  return { ...createdShipment(ORDER_ID, parcel, 'corr-1', T0), ...overrides };
}

export function at(msAfterT0: number): Date {
  return new Date(T0.getTime() + msAfterT0);
}
