import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@platform/database';

/**
 * The in-process transport's durable log, Kafka's model in PostgreSQL: records per topic and
 * partition with dense offsets, and committed offsets per consumer group.
 * partition_heads hands out offsets under a row lock held until commit, so a partition's
 * offsets become visible strictly in order and a consumer's cursor can never skip a record.
 */
export class InProcessLog1764000000002 implements MigrationInterface {
  name = 'InProcessLog1764000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.partition_heads (
        topic text NOT NULL,
        partition integer NOT NULL,
        next_offset bigint NOT NULL,
        PRIMARY KEY (topic, partition)
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.log (
        topic text NOT NULL,
        partition integer NOT NULL,
        "offset" bigint NOT NULL,
        msg_key text NOT NULL,
        headers jsonb NOT NULL,
        value bytea NOT NULL,
        appended_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (topic, partition, "offset")
      )`);
    await queryRunner.query(`CREATE INDEX log_appended_at ON ${s}.log (appended_at)`);
    await queryRunner.query(`
      CREATE TABLE ${s}.group_offsets (
        group_id text NOT NULL,
        topic text NOT NULL,
        partition integer NOT NULL,
        committed_offset bigint NOT NULL,
        committed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (group_id, topic, partition)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.group_offsets`);
    await queryRunner.query(`DROP TABLE ${s}.log`);
    await queryRunner.query(`DROP TABLE ${s}.partition_heads`);
  }
}
