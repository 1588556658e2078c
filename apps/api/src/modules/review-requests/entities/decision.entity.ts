import { Column, Entity, Index } from 'typeorm';

import { AppBaseEntity, ForeignIdColumn, TextColumn } from '@app/database';

export const DECISION_OUTCOMES = ['approve', 'reject', 'request_changes'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const DECISION_COMMENT_MAX = 2000;

/** A reviewer's decision on one step of one round of a request. */
@Entity({ name: 'decisions' })
@Index(
  'uq_decisions_request_step_reviewer_round',
  ['reviewRequestId', 'stepId', 'reviewerId', 'round'],
  {
    unique: true,
  },
)
export class Decision extends AppBaseEntity {
  @Index('ix_decisions_review_request_id')
  @ForeignIdColumn()
  reviewRequestId: string;

  @Index('ix_decisions_step_id')
  @ForeignIdColumn()
  stepId: string;

  @Index('ix_decisions_reviewer_id')
  @ForeignIdColumn()
  reviewerId: string;

  @Column({ type: 'int' })
  round: number;

  @TextColumn(20)
  outcome: DecisionOutcome;

  @TextColumn(DECISION_COMMENT_MAX, { nullable: true })
  comment: string | null;
}
