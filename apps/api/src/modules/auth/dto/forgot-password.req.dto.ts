import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

import { Trimmed } from '@app/core';

import { EMAIL_MAX } from '../../users/entities/user.entity';

export class ForgotPasswordReqDto {
  @ApiProperty({ example: 'ada@example.com', maxLength: EMAIL_MAX })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(EMAIL_MAX)
  email: string;
}
