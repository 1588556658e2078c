import { ApiProperty } from '@nestjs/swagger';

import { isoTimestamp } from '@app/core';

import { REVIEWER_ROLES } from '../entities/workflow-step.entity';
import type { WorkflowStep } from '../entities/workflow-step.entity';
import type { Workflow } from '../entities/workflow.entity';

export class WorkflowStepResDto {
  @ApiProperty({ example: '7' })
  id: string;

  @ApiProperty({ example: 'Peer review' })
  name: string;

  @ApiProperty({ example: 1, type: 'integer' })
  position: number;

  @ApiProperty({ example: 2, type: 'integer' })
  required_approvals: number;

  @ApiProperty({ example: 'reviewer', enum: REVIEWER_ROLES })
  reviewer_role: string;

  static from(step: WorkflowStep): WorkflowStepResDto {
    return {
      id: String(step.id),
      name: step.name,
      position: step.position,
      required_approvals: step.requiredApprovals,
      reviewer_role: step.reviewerRole,
    };
  }
}

export class WorkflowResDto {
  @ApiProperty({ example: '3' })
  id: string;

  @ApiProperty({ example: 'Security change review' })
  name: string;

  @ApiProperty({
    example: 'Two peer approvals, then a security sign-off.',
    nullable: true,
    type: String,
  })
  description: string | null;

  @ApiProperty({ example: true })
  is_active: boolean;

  @ApiProperty({ type: [WorkflowStepResDto] })
  steps: WorkflowStepResDto[];

  @ApiProperty({ example: '2026-11-28T09:30:00.000Z', format: 'date-time' })
  created_at: string;

  @ApiProperty({ example: '2026-11-28T09:30:00.000Z', format: 'date-time' })
  updated_at: string;

  static from(workflow: Workflow, steps: WorkflowStep[]): WorkflowResDto {
    return {
      id: String(workflow.id),
      name: workflow.name,
      description: workflow.description,
      is_active: Boolean(workflow.isActive),
      steps: [...steps]
        .sort((a, b) => a.position - b.position)
        .map((s) => WorkflowStepResDto.from(s)),
      created_at: isoTimestamp(workflow.createdAt),
      updated_at: isoTimestamp(workflow.updatedAt),
    };
  }
}
