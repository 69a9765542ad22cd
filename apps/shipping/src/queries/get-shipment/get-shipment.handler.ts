import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { Shipment } from '../../domain/shipment';
import { ShipmentRepository } from '../../persistence/shipment.repository';
import { GetShipmentQuery } from './get-shipment.query';

@QueryHandler(GetShipmentQuery)
export class GetShipmentHandler implements IQueryHandler<GetShipmentQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly shipments: ShipmentRepository,
  ) {}

  execute({ orderId }: GetShipmentQuery): Promise<Shipment | undefined> {
    return this.shipments.find(this.dataSource.manager, orderId);
  }
}
