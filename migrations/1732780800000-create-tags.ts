import { MigrationInterface, QueryRunner, Table } from 'typeorm';

import { index, migrationColumns } from '@app/database';

export class CreateTags1732780800000 implements MigrationInterface {
  name = 'CreateTags1732780800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'tags',
        columns: [c.id(), c.text('name', 64), c.text('colour', 7), ...c.timestamps()],
        indices: [index('tags', ['name'], { unique: true }), index('tags', ['created_at'])],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('tags');
  }
}
