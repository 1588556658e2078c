import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
} from 'typeorm';

import { AppBaseEntity, DateTimeColumn, ForeignIdColumn, inList, TextColumn } from '@app/database';

import { Tag } from '../../tags/entities/tag.entity';
import { User } from '../../users/entities/user.entity';
import { Workflow } from '../../workflows/entities/workflow.entity';

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
@Index('ix_review_requests_created_at', ['createdAt'])
@Index('ix_review_requests_updated_at', ['updatedAt'])
@Check('ck_review_requests_status', inList('status', REVIEW_STATUSES))
export class ReviewRequest extends AppBaseEntity {
  @Index('ix_review_requests_workflow_id')
  @ForeignIdColumn()
  workflowId: string;

  @ManyToOne(() => Workflow, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workflow_id' })
  workflow?: Workflow;

  @Index('ix_review_requests_author_id')
  @ForeignIdColumn()
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id' })
  author?: User;

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

  @Index('ix_review_requests_submitted_at')
  @DateTimeColumn({ nullable: true })
  submittedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  closedAt: Date | null;

  /** The join table and its keys and indexes are TypeORM's defaults (joinTable() in the migration). */
  @ManyToMany(() => Tag)
  @JoinTable({
    name: 'review_request_tags',
    joinColumn: { name: 'review_request_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'tag_id', referencedColumnName: 'id' },
  })
  tags?: Tag[];
}

/** A request as lists read it: every column but the body (NVARCHAR(MAX); no list shows it). */
export type ListedReviewRequest = Omit<ReviewRequest, 'body'>;
