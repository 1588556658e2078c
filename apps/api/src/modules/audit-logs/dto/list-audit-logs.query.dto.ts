import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

import { PageQueryDto, SortableField } from '@app/core';

export const AUDIT_SORT_FIELDS: Record<string, SortableField> = {
  created_at: { property: 'createdAt', kind: 'date' },
  id: { property: 'id', kind: 'id' },
};
export const AUDIT_DEFAULT_SORT = '-created_at';

export class ListAuditLogsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: 'review_request',
    description: 'workflow, review_request, user or tag',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,60}$/, { message: 'entity must be a lower-case entity name' })
  entity?: string;

  @ApiPropertyOptional({ example: '42' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,18}$/, { message: 'entity_id must be a positive integer id' })
  entity_id?: string;

  @ApiPropertyOptional({ example: '1', description: 'The acting user id' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,18}$/, { message: 'actor must be a positive integer id' })
  actor?: string;

  @ApiPropertyOptional({
    example: '3f1c2a9e-5b7d-4c1e-9a0b-2d4e6f8a1b3c',
    description: 'The X-Request-Id of the request that made the change',
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  request_id?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  created_from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  created_to?: string;

  @ApiPropertyOptional({
    example: '-created_at',
    default: AUDIT_DEFAULT_SORT,
    description: 'created_at or id; prefix - for descending',
  })
  @IsOptional()
  @IsString()
  @MaxLength(65)
  sort?: string;
}
