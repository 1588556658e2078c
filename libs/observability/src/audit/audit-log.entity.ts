import { Entity, Index } from 'typeorm';

import { CreatedAtColumn, ForeignIdColumn, IdColumn, TextColumn } from '@app/database';

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'transition'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number] | (string & {});

/**
 * One change to a business entity: who, what, which row, the before/after diff (secrets removed),
 * the request it came from and when. Rows are append-only; actor_id has no foreign key so the trail
 * outlives deleted users.
 */
@Entity({ name: 'audit_logs' })
@Index('ix_audit_logs_entity_entity_id', ['entity', 'entityId'])
export class AuditLog {
  @IdColumn()
  id: string;

  @Index('ix_audit_logs_actor_id')
  @ForeignIdColumn({ nullable: true })
  actorId: string | null;

  @TextColumn(40)
  action: AuditAction;

  @TextColumn(60)
  entity: string;

  @TextColumn(40)
  entityId: string;

  /** JSON: `{ "field": { "before": …, "after": … } }`. */
  @TextColumn('max')
  diff: string;

  @Index('ix_audit_logs_request_id')
  @TextColumn(128, { nullable: true })
  requestId: string | null;

  @Index('ix_audit_logs_created_at')
  @CreatedAtColumn()
  createdAt: Date;
}
