import { MigrationInterface, QueryRunner, Table } from 'typeorm';

import { index, migrationColumns } from '@app/database';

/** Idempotency-Key records: one per (scope, key), kept 24 h. No foreign key: scope is a string. */
export class CreateIdempotencyKeys1733040000000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1733040000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          c.id(),
          c.text('scope', 80),
          c.text('key', 255),
          c.text('fingerprint', 64),
          c.text('state', 20),
          c.int('response_status', { nullable: true }),
          c.text('response_body', 'max', { nullable: true }),
          c.datetime('expires_at', { nullable: false }),
          ...c.timestamps(),
        ],
        indices: [
          index('idempotency_keys', ['scope', 'key'], { unique: true }),
          index('idempotency_keys', ['expires_at']),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_keys');
  }
}
