import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import { SanitizedText } from '@app/core';

import { WORKFLOW_DESCRIPTION_MAX, WORKFLOW_NAME_MAX } from '../entities/workflow.entity';
import { WorkflowStepReqDto } from './workflow-step.req.dto';

export const MAX_STEPS = 20;

export class CreateWorkflowReqDto {
  @ApiProperty({
    example: 'Security change review',
    maxLength: WORKFLOW_NAME_MAX,
    description: 'Unique',
  })
  @SanitizedText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(WORKFLOW_NAME_MAX)
  name: string;

  @ApiPropertyOptional({
    example: 'Two peer approvals, then a security sign-off.',
    maxLength: WORKFLOW_DESCRIPTION_MAX,
  })
  @IsOptional()
  @SanitizedText()
  @IsString()
  @MaxLength(WORKFLOW_DESCRIPTION_MAX)
  description?: string;

  @ApiPropertyOptional({
    example: true,
    default: true,
    description: 'Inactive workflows accept no new requests',
  })
  @IsOptional()
  @IsBoolean()
  is_active?: boolean;

  @ApiProperty({
    type: [WorkflowStepReqDto],
    description:
      'Ordered steps (position = place in the array); written with the workflow in one transaction',
    example: [
      { name: 'Peer review', required_approvals: 2, reviewer_role: 'reviewer' },
      { name: 'Security sign-off', required_approvals: 1, reviewer_role: 'admin' },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_STEPS)
  @ValidateNested({ each: true })
  @Type(() => WorkflowStepReqDto)
  steps: WorkflowStepReqDto[];
}
