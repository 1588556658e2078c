import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

import { ROLES, Role } from '@app/auth';
import { PageQueryDto, queryBoolean, SanitizedText, SortableField } from '@app/core';

export const USER_SORT_FIELDS: Record<string, SortableField> = {
  email: { property: 'emailNormalized', kind: 'string' },
  display_name: { property: 'displayName', kind: 'string' },
  created_at: { property: 'createdAt', kind: 'date' },
  id: { property: 'id', kind: 'id' },
};
export const USER_DEFAULT_SORT = 'email';

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES, description: 'Only users with this role' })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'Only active (true) or deactivated (false) users',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'is_active must be true or false' })
  is_active?: boolean;

  @ApiPropertyOptional({
    example: 'ada',
    description: 'Case-insensitive search in email and display name',
  })
  @IsOptional()
  @SanitizedText()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    example: '-created_at',
    description: `Sort field, \`-\` for descending: ${Object.keys(USER_SORT_FIELDS).join(', ')}`,
    default: USER_DEFAULT_SORT,
  })
  @IsOptional()
  @IsString()
  @MaxLength(65)
  sort?: string;
}
