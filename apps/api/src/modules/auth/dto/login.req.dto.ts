import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

import { PASSWORD_MAX_LENGTH } from '@app/auth';
import { Trimmed } from '@app/core';

import { EMAIL_MAX } from '../../users/entities/user.entity';

/** Not validated as an email: any unknown value gets the same 401 as a wrong password. */
export class LoginReqDto {
  @ApiProperty({ example: 'admin@quorum.local', maxLength: EMAIL_MAX })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(EMAIL_MAX)
  email: string;

  @ApiProperty({ example: 'Quorum-Admin-Demo-2026', format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}
