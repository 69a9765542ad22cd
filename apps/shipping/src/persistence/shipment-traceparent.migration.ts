import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * The span context that created each shipment, so the dispatch and delivery events that the
 * carrier clock (a timer) causes join the order's trace (W3C `traceparent`; null while tracing
 * is off, and for tombstones).
 */
export class ShipmentTraceparent1764100000001 implements MigrationInterface {
  name = 'ShipmentTraceparent1764100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${schemaOf(queryRunner)}.shipments ADD COLUMN traceparent text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${schemaOf(queryRunner)}.shipments DROP COLUMN traceparent`);
  }
}
