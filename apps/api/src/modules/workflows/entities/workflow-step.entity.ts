import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { AppBaseEntity, ForeignIdColumn, inList, TextColumn } from '@app/database';

import type { Workflow } from './workflow.entity';

export const REVIEWER_ROLES = ['admin', 'reviewer', 'author'] as const;
export type ReviewerRole = (typeof REVIEWER_ROLES)[number];
export const STEP_NAME_MAX = 120;

/** One step of a workflow: who may decide and how many approvals pass it. */
@Entity({ name: 'workflow_steps' })
@Index('uq_workflow_steps_workflow_id_position', ['workflowId', 'position'], { unique: true })
@Check('ck_workflow_steps_required_approvals', '"required_approvals" >= 1')
@Check('ck_workflow_steps_reviewer_role', inList('reviewer_role', REVIEWER_ROLES))
export class WorkflowStep extends AppBaseEntity {
  @ForeignIdColumn()
  workflowId: string;

  @ManyToOne('Workflow', (workflow: Workflow) => workflow.steps, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workflow_id' })
  workflow?: Workflow;

  @TextColumn(STEP_NAME_MAX)
  name: string;

  /** 1-based order within the workflow. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'int' })
  requiredApprovals: number;

  @TextColumn(20)
  reviewerRole: ReviewerRole;
}
