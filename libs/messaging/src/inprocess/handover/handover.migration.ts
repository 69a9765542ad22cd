import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * The hand-over of the in-process log to Kafka (ADR 0019): `subscriptions` lists which consumer
 * group reads which topic (written by the in-process transport at every start, so a hand-over
 * knows the groups that never committed an offset), and `handover` marks a log handed over, after
 * which the in-process transport refuses to start on it.
 */
export class InProcessHandover1765000000000 implements MigrationInterface {
  name = 'InProcessHandover1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.subscriptions (
        group_id text NOT NULL,
        topic text NOT NULL,
        seen_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (group_id, topic)
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.handover (
        id integer PRIMARY KEY CHECK (id = 1),
        state text NOT NULL CHECK (state IN ('started', 'completed')),
        started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        completed_at timestamptz,
        kafka_brokers text NOT NULL,
        topic_prefix text NOT NULL,
        records jsonb NOT NULL DEFAULT '{}'
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.handover`);
    await queryRunner.query(`DROP TABLE ${s}.subscriptions`);
  }
}
