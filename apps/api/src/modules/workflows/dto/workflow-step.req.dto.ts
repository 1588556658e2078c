import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';

import { SanitizedText } from '@app/core';

import { REVIEWER_ROLES, ReviewerRole, STEP_NAME_MAX } from '../entities/workflow-step.entity';

export const MAX_REQUIRED_APPROVALS = 20;

/** A step as written by an admin; its position is its place in the `steps` array. */
export class WorkflowStepReqDto {
  @ApiProperty({ example: 'Peer review', maxLength: STEP_NAME_MAX })
  @SanitizedText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(STEP_NAME_MAX)
  name: string;

  @ApiProperty({ example: 2, minimum: 1, maximum: MAX_REQUIRED_APPROVALS, type: 'integer' })
  @IsInt()
  @Min(1)
  @Max(MAX_REQUIRED_APPROVALS)
  required_approvals: number;

  @ApiProperty({
    example: 'reviewer',
    enum: REVIEWER_ROLES,
    description: 'Users with this role (or admins) decide',
  })
  @IsIn(REVIEWER_ROLES)
  reviewer_role: ReviewerRole;
}
