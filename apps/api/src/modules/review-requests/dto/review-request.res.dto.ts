import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { isoTimestamp, isoTimestampOrNull } from '@app/core';

import { TagResDto } from '../../tags/dto/tag.res.dto';
import type { Tag } from '../../tags/entities/tag.entity';
import { WorkflowResDto, WorkflowStepResDto } from '../../workflows/dto/workflow.res.dto';
import type { WorkflowStep } from '../../workflows/entities/workflow-step.entity';
import type { Workflow } from '../../workflows/entities/workflow.entity';

import type { Comment } from '../entities/comment.entity';
import { DECISION_OUTCOMES, Decision } from '../entities/decision.entity';
import {
  ListedReviewRequest,
  REVIEW_STATUSES,
  ReviewRequest,
} from '../entities/review-request.entity';

export class DecisionResDto {
  @ApiProperty({ example: '12' })
  id: string;

  @ApiProperty({ example: '4' })
  reviewer_id: string;

  @ApiProperty({ example: '7' })
  step_id: string;

  @ApiProperty({ example: 1, type: 'integer' })
  round: number;

  @ApiProperty({ example: 'approve', enum: DECISION_OUTCOMES })
  outcome: string;

  @ApiProperty({ example: 'Looks good.', nullable: true, type: String })
  comment: string | null;

  @ApiProperty({ example: '2026-11-28T09:30:00.000Z', format: 'date-time' })
  created_at: string;

  static from(d: Decision): DecisionResDto {
    return {
      id: String(d.id),
      reviewer_id: String(d.reviewerId),
      step_id: String(d.stepId),
      round: d.round,
      outcome: d.outcome,
      comment: d.comment,
      created_at: isoTimestamp(d.createdAt),
    };
  }
}

export class CommentResDto {
  @ApiProperty({ example: '31' })
  id: string;

  @ApiProperty({ example: '4' })
  author_id: string;

  @ApiProperty({ example: 'Could you add the expected downtime?' })
  body: string;

  @ApiProperty({ example: '2026-11-28T09:30:00.000Z', format: 'date-time' })
  created_at: string;

  static from(c: Comment): CommentResDto {
    return {
      id: String(c.id),
      author_id: String(c.authorId),
      body: c.body,
      created_at: isoTimestamp(c.createdAt),
    };
  }
}

export class CurrentStepResDto {
  @ApiProperty({ example: 1, type: 'integer' })
  position: number;

  @ApiProperty({ example: 'Peer review' })
  name: string;

  @ApiProperty({ example: 'reviewer' })
  reviewer_role: string;

  @ApiProperty({ example: 2, type: 'integer' })
  required_approvals: number;
}

/** A request as listed: no body, decisions or comments. */
export class ReviewRequestResDto {
  @ApiProperty({ example: '42' })
  id: string;

  @ApiProperty({ example: '1' })
  workflow_id: string;

  @ApiProperty({ example: '3' })
  author_id: string;

  @ApiProperty({ example: 'Rotate the payment API keys' })
  title: string;

  @ApiProperty({ example: 'in_review', enum: REVIEW_STATUSES })
  status: string;

  @ApiPropertyOptional({ type: CurrentStepResDto, nullable: true })
  current_step: CurrentStepResDto | null;

  @ApiProperty({
    example: 1,
    type: 'integer',
    description: 'Submission round (1 after the first submit)',
  })
  round: number;

  @ApiProperty({
    example: 2,
    type: 'integer',
    description: 'Send it back with writes; a stale one gets 409',
  })
  version: number;

  @ApiProperty({ type: [TagResDto] })
  tags: TagResDto[];

  @ApiProperty({
    example: '2026-11-28T09:30:00.000Z',
    nullable: true,
    type: String,
    format: 'date-time',
  })
  submitted_at: string | null;

  @ApiProperty({ example: null, nullable: true, type: String, format: 'date-time' })
  closed_at: string | null;

  @ApiProperty({ example: '2026-11-28T09:00:00.000Z', format: 'date-time' })
  created_at: string;

  @ApiProperty({ example: '2026-11-28T09:30:00.000Z', format: 'date-time' })
  updated_at: string;

  /** `steps`: the workflow's steps as GET /workflows/{id} answers them (cached for lists). */
  static from(
    r: ListedReviewRequest,
    tags: Tag[],
    steps: WorkflowStepResDto[],
  ): ReviewRequestResDto {
    const step =
      r.currentStepPosition === null
        ? undefined
        : steps.find((s) => s.position === r.currentStepPosition);
    return {
      id: String(r.id),
      workflow_id: String(r.workflowId),
      author_id: String(r.authorId),
      title: r.title,
      status: r.status,
      current_step: step
        ? {
            position: step.position,
            name: step.name,
            reviewer_role: step.reviewer_role,
            required_approvals: step.required_approvals,
          }
        : null,
      round: r.round,
      version: r.version,
      tags: tags.map((t) => TagResDto.from(t)),
      submitted_at: isoTimestampOrNull(r.submittedAt),
      closed_at: isoTimestampOrNull(r.closedAt),
      created_at: isoTimestamp(r.createdAt),
      updated_at: isoTimestamp(r.updatedAt),
    };
  }
}

/** One request with everything about it. */
export class ReviewRequestDetailResDto extends ReviewRequestResDto {
  @ApiProperty({ example: 'Keys older than 90 days are rotated.' })
  body: string;

  @ApiProperty({ type: WorkflowResDto })
  workflow: WorkflowResDto;

  @ApiProperty({ type: [DecisionResDto] })
  decisions: DecisionResDto[];

  @ApiProperty({
    type: [CommentResDto],
    description: 'The latest comments (all of them via GET …/comments)',
  })
  comments: CommentResDto[];

  static detail(
    r: ReviewRequest,
    tags: Tag[],
    workflow: Workflow,
    steps: WorkflowStep[],
    decisions: Decision[],
    comments: Comment[],
  ): ReviewRequestDetailResDto {
    const workflowRes = WorkflowResDto.from(workflow, steps);
    return {
      ...ReviewRequestResDto.from(r, tags, workflowRes.steps),
      body: r.body,
      workflow: workflowRes,
      decisions: decisions.map((d) => DecisionResDto.from(d)),
      comments: comments.map((c) => CommentResDto.from(c)),
    };
  }
}
