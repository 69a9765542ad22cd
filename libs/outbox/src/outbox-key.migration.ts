import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * The operator console shows one order's timeline: every event keyed by that order, from each
 * context's outbox (GET /admin/console/orders/:orderId/timeline). Without an index on the key
 * that read walks the whole retained outbox (OUTBOX_RETENTION_HOURS of every order). The price:
 * one more index entry when a row is inserted and one when the relay marks it published (that
 * update is never HOT, published_at is indexed already); no extra statement, no extra round trip.
 */
export class PlatformOutboxKey1766000000000 implements MigrationInterface {
  name = 'PlatformOutboxKey1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX outbox_key ON ${schemaOf(queryRunner)}.outbox (msg_key)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ${schemaOf(queryRunner)}.outbox_key`);
  }
}
