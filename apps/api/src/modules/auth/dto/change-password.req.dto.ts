import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

import { PASSWORD_MAX_LENGTH } from '@app/auth';

import { NewPasswordField } from '../../users/dto/user-fields';

export class ChangePasswordReqDto {
  @ApiProperty({ format: 'password', example: 'my-Current-passphrase-42' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  current_password: string;

  @NewPasswordField('new_password')
  new_password: string;
}
