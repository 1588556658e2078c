import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

import { NewPasswordField } from '../../users/dto/user-fields';

export class ResetPasswordReqDto {
  @ApiProperty({
    description: 'The `token` query parameter of the reset link',
    example: 'Jq2N4vXo9b8Wc1Lr6Tz0Yh3Ke5Ud7Fs2Ga9Pm4Ix1Qw',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @NewPasswordField('new_password')
  new_password: string;
}
