import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';

import { SanitizedText } from '@app/core';

import { BODY_MAX, TITLE_MAX } from '../entities/review-request.entity';

export const BIGINT_ID_PATTERN = /^[1-9][0-9]{0,18}$/;
export const MAX_TAGS = 20;

export class CreateReviewRequestReqDto {
  @ApiProperty({ example: '1', description: 'The workflow the request will go through' })
  @IsString()
  @Matches(BIGINT_ID_PATTERN, { message: 'workflow_id must be a positive integer id' })
  workflow_id: string;

  @ApiProperty({ example: 'Rotate the payment API keys', maxLength: TITLE_MAX })
  @SanitizedText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TITLE_MAX)
  title: string;

  @ApiProperty({
    example: 'Keys older than 90 days are rotated; the old ones stay valid for 24 h.',
    maxLength: BODY_MAX,
  })
  @SanitizedText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(BODY_MAX)
  body: string;

  @ApiPropertyOptional({ example: ['1', '3'], type: [String], description: 'Ids of existing tags' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @ArrayUnique()
  @Matches(BIGINT_ID_PATTERN, { each: true, message: 'each tag id must be a positive integer id' })
  tag_ids?: string[];
}
