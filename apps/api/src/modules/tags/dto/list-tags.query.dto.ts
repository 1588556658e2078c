import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

import { PageQueryDto, SanitizedText, SortableField } from '@app/core';

export const TAG_SORT_FIELDS: Record<string, SortableField> = {
  name: { property: 'name', kind: 'string' },
  created_at: { property: 'createdAt', kind: 'date' },
  id: { property: 'id', kind: 'id' },
};
export const TAG_DEFAULT_SORT = 'name';

export class ListTagsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'sec', description: 'Case-insensitive search in the name' })
  @IsOptional()
  @SanitizedText()
  @IsString()
  @MaxLength(64)
  q?: string;

  @ApiPropertyOptional({
    example: '-created_at',
    description: `Sort field, \`-\` for descending: ${Object.keys(TAG_SORT_FIELDS).join(', ')}`,
    default: TAG_DEFAULT_SORT,
  })
  @IsOptional()
  @IsString()
  @MaxLength(65)
  sort?: string;
}
