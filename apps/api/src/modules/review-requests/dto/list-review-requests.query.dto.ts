import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';

import { PageQueryDto, queryBoolean, SanitizedText, SortableField } from '@app/core';

import { REVIEW_STATUSES, ReviewStatus } from '../entities/review-request.entity';
import { BIGINT_ID_PATTERN } from './create-review-request.req.dto';

export const REVIEW_REQUEST_SORT_FIELDS: Record<string, SortableField> = {
  created_at: { property: 'createdAt', kind: 'date' },
  updated_at: { property: 'updatedAt', kind: 'date' },
  title: { property: 'title', kind: 'string' },
  id: { property: 'id', kind: 'id' },
};
export const REVIEW_REQUEST_DEFAULT_SORT = '-created_at';

export class ListReviewRequestsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES, example: 'in_review' })
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  status?: ReviewStatus;

  @ApiPropertyOptional({ example: '1' })
  @IsOptional()
  @Matches(BIGINT_ID_PATTERN, { message: 'workflow_id must be a positive integer id' })
  workflow_id?: string;

  @ApiPropertyOptional({ example: '3' })
  @IsOptional()
  @Matches(BIGINT_ID_PATTERN, { message: 'author_id must be a positive integer id' })
  author_id?: string;

  @ApiPropertyOptional({
    example: 'security',
    description: 'Only requests carrying the tag with this name',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  tag?: string;

  @ApiPropertyOptional({ example: 'api keys', description: 'Case-insensitive search in the title' })
  @IsOptional()
  @SanitizedText()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    example: '2026-01-01T00:00:00Z',
    description: 'Created at or after (ISO-8601)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  created_from?: string;

  @ApiPropertyOptional({
    example: '2026-12-31T23:59:59Z',
    description: 'Created before (ISO-8601)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  created_to?: string;

  @ApiPropertyOptional({
    example: true,
    description: 'Only requests waiting for a decision by the caller',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  awaiting_me?: boolean;

  @ApiPropertyOptional({
    example: '-created_at',
    default: REVIEW_REQUEST_DEFAULT_SORT,
    description: 'created_at, updated_at, title or id; prefix - for descending',
  })
  @IsOptional()
  @IsString()
  @MaxLength(65)
  sort?: string;
}
