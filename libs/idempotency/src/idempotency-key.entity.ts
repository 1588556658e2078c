import { Column, Entity, Index } from 'typeorm';

import { AppBaseEntity, DateTimeColumn, TextColumn } from '@app/database';

export type IdempotencyState = 'in_progress' | 'completed';

/** A POST seen with an Idempotency-Key: its fingerprint and, once done, its response. */
@Entity({ name: 'idempotency_keys' })
@Index('uq_idempotency_keys_scope_key', ['scope', 'key'], { unique: true })
@Index('ix_idempotency_keys_expires_at', ['expiresAt'])
export class IdempotencyKey extends AppBaseEntity {
  /** Whose key it is (`user:<id>`): keys of different users never collide. */
  @TextColumn(80)
  scope: string;

  @TextColumn(255)
  key: string;

  /** SHA-256 of method, route and canonical body: the same key with another request is refused. */
  @TextColumn(64)
  fingerprint: string;

  @TextColumn(20)
  state: IdempotencyState;

  @Column({ type: 'int', nullable: true })
  responseStatus: number | null;

  /** JSON of the handler's result (the envelope is added again on replay). */
  @TextColumn('max', { nullable: true })
  responseBody: string | null;

  @DateTimeColumn()
  expiresAt: Date;
}
