import { MigrationInterface, QueryRunner, Table } from 'typeorm';

import { foreignKey, index, joinTable, migrationColumns } from '@app/database';

/**
 * Review workflows: templates and their steps, review requests with tags, decisions, comments,
 * and the audit trail.
 *
 * ON DELETE CASCADE everywhere except where SQL Server refuses multiple cascade paths
 * (error 1785); those keys are NO ACTION, so deleting the parent row is refused (409) while
 * dependants exist:
 * - decisions.step_id: workflows → workflow_steps → decisions and workflows → review_requests → decisions.
 * - decisions.reviewer_id: users → decisions and users → review_requests → decisions.
 * - comments.author_id: users → comments and users → review_requests → comments.
 * audit_logs.actor_id has no foreign key at all: the trail must outlive the users it names.
 */
export class CreateReviewWorkflows1732953600000 implements MigrationInterface {
  name = 'CreateReviewWorkflows1732953600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);

    await queryRunner.createTable(
      new Table({
        name: 'workflows',
        columns: [
          c.id(),
          c.text('name', 120),
          c.text('description', 2000, { nullable: true }),
          c.bool('is_active', true),
          ...c.timestamps(),
        ],
        indices: [
          index('workflows', ['name'], { unique: true }),
          index('workflows', ['is_active']),
          index('workflows', ['created_at']),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'workflow_steps',
        columns: [
          c.id(),
          c.ref('workflow_id'),
          c.text('name', 120),
          c.int('position'),
          c.int('required_approvals'),
          c.text('reviewer_role', 20),
          ...c.timestamps(),
        ],
        checks: [
          { name: 'ck_workflow_steps_required_approvals', expression: '"required_approvals" >= 1' },
          {
            name: 'ck_workflow_steps_reviewer_role',
            expression: `"reviewer_role" IN ('admin', 'reviewer', 'author')`,
          },
        ],
        foreignKeys: [foreignKey('workflow_id', 'workflows')],
        indices: [index('workflow_steps', ['workflow_id', 'position'], { unique: true })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'review_requests',
        columns: [
          c.id(),
          c.ref('workflow_id'),
          c.ref('author_id'),
          c.text('title', 200),
          c.text('body', 'max'),
          c.text('status', 20),
          c.int('current_step_position', { nullable: true }),
          c.int('round', { default: 0 }),
          c.int('version', { default: 1 }),
          c.datetime('submitted_at'),
          c.datetime('closed_at'),
          ...c.timestamps(),
        ],
        checks: [
          {
            name: 'ck_review_requests_status',
            expression: `"status" IN ('draft', 'in_review', 'approved', 'rejected', 'changes_requested')`,
          },
        ],
        foreignKeys: [foreignKey('workflow_id', 'workflows'), foreignKey('author_id', 'users')],
        indices: [
          index('review_requests', ['workflow_id']),
          index('review_requests', ['author_id']),
          index('review_requests', ['status', 'created_at']),
          index('review_requests', ['created_at']),
          index('review_requests', ['updated_at']),
          index('review_requests', ['title']),
          index('review_requests', ['submitted_at']),
        ],
      }),
    );

    // ReviewRequest.tags (@ManyToMany + @JoinTable): the table TypeORM expects for it.
    await queryRunner.createTable(
      joinTable(queryRunner, 'review_request_tags', [
        { column: 'review_request_id', references: 'review_requests' },
        { column: 'tag_id', references: 'tags' },
      ]),
    );

    await queryRunner.createTable(
      new Table({
        name: 'decisions',
        columns: [
          c.id(),
          c.ref('review_request_id'),
          c.ref('step_id'),
          c.ref('reviewer_id'),
          c.int('round'),
          c.text('outcome', 20),
          c.text('comment', 2000, { nullable: true }),
          ...c.timestamps(),
        ],
        checks: [
          {
            name: 'ck_decisions_outcome',
            expression: `"outcome" IN ('approve', 'reject', 'request_changes')`,
          },
        ],
        foreignKeys: [
          foreignKey('review_request_id', 'review_requests'),
          // NO ACTION: workflows reach decisions via workflow_steps and via review_requests.
          foreignKey('step_id', 'workflow_steps', 'NO ACTION'),
          // NO ACTION: users reach decisions directly and via review_requests.
          foreignKey('reviewer_id', 'users', 'NO ACTION'),
        ],
        indices: [
          index('decisions', ['review_request_id', 'step_id', 'reviewer_id', 'round'], {
            unique: true,
          }),
          index('decisions', ['review_request_id']),
          index('decisions', ['step_id']),
          index('decisions', ['reviewer_id']),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'comments',
        columns: [
          c.id(),
          c.ref('review_request_id'),
          c.ref('author_id'),
          c.text('body', 4000),
          ...c.timestamps(),
        ],
        foreignKeys: [
          foreignKey('review_request_id', 'review_requests'),
          // NO ACTION: users reach comments directly and via review_requests.
          foreignKey('author_id', 'users', 'NO ACTION'),
        ],
        indices: [
          index('comments', ['review_request_id', 'created_at']),
          index('comments', ['author_id']),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'audit_logs',
        columns: [
          c.id(),
          c.ref('actor_id', { nullable: true }),
          c.text('action', 40),
          c.text('entity', 60),
          c.text('entity_id', 40),
          c.text('diff', 'max'),
          c.text('request_id', 128, { nullable: true }),
          c.timestamps()[0],
        ],
        indices: [
          index('audit_logs', ['entity', 'entity_id']),
          index('audit_logs', ['actor_id']),
          index('audit_logs', ['request_id']),
          index('audit_logs', ['created_at']),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'audit_logs',
      'comments',
      'decisions',
      'review_request_tags',
      'review_requests',
      'workflow_steps',
      'workflows',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
