import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';

import { SanitizedText } from '@app/core';

import { COMMENT_BODY_MAX } from '../entities/comment.entity';
import {
  DECISION_COMMENT_MAX,
  DECISION_OUTCOMES,
  DecisionOutcome,
} from '../entities/decision.entity';

export class SubmitReviewRequestReqDto {
  @ApiPropertyOptional({
    example: 1,
    type: 'integer',
    description: 'When given, must be the current version (409 otherwise)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class CreateDecisionReqDto {
  @ApiProperty({ example: 'approve', enum: DECISION_OUTCOMES })
  @IsIn(DECISION_OUTCOMES)
  outcome: DecisionOutcome;

  @ApiPropertyOptional({
    example: 'Looks good; the rollback plan is clear.',
    maxLength: DECISION_COMMENT_MAX,
  })
  @IsOptional()
  @SanitizedText()
  @IsString()
  @MaxLength(DECISION_COMMENT_MAX)
  comment?: string;

  @ApiPropertyOptional({
    example: 2,
    type: 'integer',
    description: 'When given, must be the current version (409 otherwise)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class CreateCommentReqDto {
  @ApiProperty({ example: 'Could you add the expected downtime?', maxLength: COMMENT_BODY_MAX })
  @SanitizedText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(COMMENT_BODY_MAX)
  body: string;
}
