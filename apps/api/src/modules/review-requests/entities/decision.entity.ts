import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { AppBaseEntity, ForeignIdColumn, inList, TextColumn } from '@app/database';

import { User } from '../../users/entities/user.entity';
import { WorkflowStep } from '../../workflows/entities/workflow-step.entity';
import { ReviewRequest } from './review-request.entity';

export const DECISION_OUTCOMES = ['approve', 'reject', 'request_changes'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const DECISION_COMMENT_MAX = 2000;

/** A reviewer's decision on one step of one round of a request. */
@Entity({ name: 'decisions' })
@Index(
  'uq_decisions_review_request_id_step_id_reviewer_id_round',
  ['reviewRequestId', 'stepId', 'reviewerId', 'round'],
  { unique: true },
)
@Check('ck_decisions_outcome', inList('outcome', DECISION_OUTCOMES))
export class Decision extends AppBaseEntity {
  @Index('ix_decisions_review_request_id')
  @ForeignIdColumn()
  reviewRequestId: string;

  @ManyToOne(() => ReviewRequest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_request_id' })
  reviewRequest?: ReviewRequest;

  @Index('ix_decisions_step_id')
  @ForeignIdColumn()
  stepId: string;

  /**
   * NO ACTION, not CASCADE: workflows reach decisions via workflow_steps and via review_requests,
   * and SQL Server refuses two cascade paths (error 1785). A step with decisions cannot be deleted.
   */
  @ManyToOne(() => WorkflowStep, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'step_id' })
  step?: WorkflowStep;

  @Index('ix_decisions_reviewer_id')
  @ForeignIdColumn()
  reviewerId: string;

  /**
   * NO ACTION, not CASCADE: users reach decisions directly and via review_requests (SQL Server
   * error 1785). A user with decisions cannot be deleted.
   */
  @ManyToOne(() => User, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'reviewer_id' })
  reviewer?: User;

  @Column({ type: 'int' })
  round: number;

  @TextColumn(20)
  outcome: DecisionOutcome;

  @TextColumn(DECISION_COMMENT_MAX, { nullable: true })
  comment: string | null;
}
