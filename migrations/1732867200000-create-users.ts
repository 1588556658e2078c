import { MigrationInterface, QueryRunner, Table } from 'typeorm';

import { foreignKey, index, migrationColumns } from '@app/database';

/**
 * Identity: users, their refresh tokens (rotated, grouped in families) and password reset tokens.
 * Tokens are stored only as SHA-256 hashes. Both token tables cascade on user delete, so deleting
 * a user ends every session at once.
 */
export class CreateUsers1732867200000 implements MigrationInterface {
  name = 'CreateUsers1732867200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          c.id(),
          // As typed (trimmed), for display and mail.
          c.text('email', 254),
          // NFC, trimmed, lower case: what sign-in looks up and what is unique.
          c.text('email_normalized', 254),
          c.text('display_name', 100),
          c.text('role', 16, { default: 'author' }),
          c.text('password_hash', 255),
          c.bool('is_active', true),
          c.int('failed_login_count', { default: 0 }),
          c.datetime('first_failed_login_at'),
          c.datetime('locked_until'),
          c.datetime('password_changed_at', { nullable: false }),
          c.datetime('last_login_at'),
          ...c.timestamps(),
        ],
        checks: [
          { name: 'ck_users_role', expression: `"role" IN ('admin', 'reviewer', 'author')` },
        ],
        indices: [
          index('users', ['email_normalized'], { unique: true }),
          index('users', ['display_name']),
          index('users', ['role']),
          index('users', ['is_active']),
          index('users', ['created_at']),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          c.id(),
          c.ref('user_id'),
          // Every token rotated from one sign-in shares the family; reuse revokes the family.
          c.text('family_id', 36),
          c.text('token_hash', 64),
          c.datetime('expires_at', { nullable: false }),
          // Set when the token was exchanged for its successor.
          c.datetime('used_at'),
          c.datetime('revoked_at'),
          ...c.timestamps(),
        ],
        foreignKeys: [foreignKey('user_id', 'users')],
        indices: [
          index('refresh_tokens', ['token_hash'], { unique: true }),
          index('refresh_tokens', ['user_id']),
          index('refresh_tokens', ['family_id']),
          index('refresh_tokens', ['expires_at']),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'password_reset_tokens',
        columns: [
          c.id(),
          c.ref('user_id'),
          c.text('token_hash', 64),
          c.datetime('expires_at', { nullable: false }),
          c.datetime('used_at'),
          ...c.timestamps(),
        ],
        foreignKeys: [foreignKey('user_id', 'users')],
        indices: [
          index('password_reset_tokens', ['token_hash'], { unique: true }),
          index('password_reset_tokens', ['user_id']),
          index('password_reset_tokens', ['expires_at']),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('password_reset_tokens');
    await queryRunner.dropTable('refresh_tokens');
    await queryRunner.dropTable('users');
  }
}
