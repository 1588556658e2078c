import { MigrationInterface, QueryRunner, Table } from 'typeorm';

import { foreignKey, index, migrationColumns } from '@app/database';

/**
 * Report exports (CSV of review requests): one row per requested report, its state as the queue
 * job moves it (queued → active → completed | failed), progress and the file it produced.
 * Deleting the owner deletes their report rows; their files stay in REPORTS_DIR (no sweep yet).
 */
export class CreateReports1733130000000 implements MigrationInterface {
  name = 'CreateReports1733130000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'reports',
        columns: [
          c.id(),
          c.ref('owner_id'),
          c.text('status', 20, { default: 'queued' }),
          c.int('progress', { default: 0 }),
          c.text('filters', 'max'),
          c.int('row_count', { nullable: true }),
          c.text('file_name', 255, { nullable: true }),
          c.text('error', 1000, { nullable: true }),
          c.int('attempts', { default: 0 }),
          c.datetime('started_at'),
          c.datetime('completed_at'),
          ...c.timestamps(),
        ],
        foreignKeys: [foreignKey('owner_id', 'users')],
        indices: [index('reports', ['owner_id', 'created_at']), index('reports', ['status'])],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reports');
  }
}
