import { Entity, Index, OneToMany } from 'typeorm';

import { AppBaseEntity, BoolColumn, TextColumn } from '@app/database';

import { WorkflowStep } from './workflow-step.entity';

export const WORKFLOW_NAME_MAX = 120;
export const WORKFLOW_DESCRIPTION_MAX = 2000;

/** An admin-managed review template: ordered steps a request passes through. */
@Entity({ name: 'workflows' })
@Index('ix_workflows_created_at', ['createdAt'])
export class Workflow extends AppBaseEntity {
  @Index('uq_workflows_name', { unique: true })
  @TextColumn(WORKFLOW_NAME_MAX)
  name: string;

  @TextColumn(WORKFLOW_DESCRIPTION_MAX, { nullable: true })
  description: string | null;

  @Index('ix_workflows_is_active')
  @BoolColumn({ default: true })
  isActive: boolean;

  @OneToMany(() => WorkflowStep, (step) => step.workflow)
  steps?: WorkflowStep[];
}
