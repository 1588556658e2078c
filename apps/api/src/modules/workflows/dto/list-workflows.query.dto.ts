import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

import { PageQueryDto, queryBoolean, SanitizedText, SortableField } from '@app/core';

export const WORKFLOW_SORT_FIELDS: Record<string, SortableField> = {
  name: { property: 'name', kind: 'string' },
  created_at: { property: 'createdAt', kind: 'date' },
  id: { property: 'id', kind: 'id' },
};
export const WORKFLOW_DEFAULT_SORT = 'name';

export class ListWorkflowsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: true,
    description: 'true: only active workflows; false: only inactive',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ example: 'security', description: 'Case-insensitive search in the name' })
  @IsOptional()
  @SanitizedText()
  @IsString()
  @MaxLength(120)
  q?: string;

  @ApiPropertyOptional({
    example: 'name',
    description: 'name, created_at or id; prefix - for descending',
    default: 'name',
  })
  @IsOptional()
  @IsString()
  @MaxLength(65)
  sort?: string;
}
