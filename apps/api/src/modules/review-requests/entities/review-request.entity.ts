import { Column, Entity, Index, JoinTable, ManyToMany } from 'typeorm';

import { AppBaseEntity, DateTimeColumn, ForeignIdColumn, TextColumn } from '@app/database';

import { Tag } from '../../tags/entities/tag.entity';

export const REVIEW_STATUSES = [
  'draft',
  'in_review',
  'approved',
  'rejected',
  'changes_requested',
] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;

/** A piece of work an author submits for review through a workflow. */
@Entity({ name: 'review_requests' })
@Index('ix_review_requests_status_created_at', ['status', 'createdAt'])
export class ReviewRequest extends AppBaseEntity {
  @Index('ix_review_requests_workflow_id')
  @ForeignIdColumn()
  workflowId: string;

  @Index('ix_review_requests_author_id')
  @ForeignIdColumn()
  authorId: string;

  @Index('ix_review_requests_title')
  @TextColumn(TITLE_MAX)
  title: string;

  @TextColumn('max')
  body: string;

  @TextColumn(20)
  status: ReviewStatus;

  /** Position of the step the request is at while in review; null in draft. */
  @Column({ type: 'int', nullable: true })
  currentStepPosition: number | null;

  /** Submission count: decisions belong to one round, a resubmission starts the next. */
  @Column({ type: 'int', default: 0 })
  round: number;

  /** Optimistic lock: every write checks and increments it. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @DateTimeColumn({ nullable: true })
  submittedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  closedAt: Date | null;

  @ManyToMany(() => Tag)
  @JoinTable({
    name: 'review_request_tags',
    joinColumn: { name: 'review_request_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'tag_id', referencedColumnName: 'id' },
  })
  tags?: Tag[];
}
