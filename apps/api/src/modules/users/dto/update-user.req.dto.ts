import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

import type { Role } from '@app/auth';

import { DisplayNameField, EmailField, RoleField } from './user-fields';

/** PUT /users/{id} (admin): the fields to change; omitted fields keep their value. */
export class UpdateUserReqDto {
  @IsOptional()
  @EmailField({ optional: true })
  email?: string;

  @IsOptional()
  @DisplayNameField({ optional: true })
  display_name?: string;

  @IsOptional()
  @RoleField({ optional: true })
  role?: Role;

  @ApiPropertyOptional({
    example: false,
    description: 'false deactivates: sign-in is refused and existing tokens stop working at once',
  })
  @IsOptional()
  @IsBoolean()
  is_active?: boolean;
}
