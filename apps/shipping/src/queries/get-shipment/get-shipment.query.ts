import { Query } from '@nestjs/cqrs';
import type { Shipment } from '../../domain/shipment';

/** An order's shipment, or undefined when it has none (yet). */
export class GetShipmentQuery extends Query<Shipment | undefined> {
  constructor(readonly orderId: string) {
    super();
  }
}
