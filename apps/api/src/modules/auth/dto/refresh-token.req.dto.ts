import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** POST /auth/refresh and POST /auth/logout. */
export class RefreshTokenReqDto {
  @ApiProperty({
    example: 'kq3Q0u1a8cW9yq6Zr3yVfQ4n1o7wS2dE5tJ8hL0pX3M',
    description: 'The refresh token from sign-in or the last refresh',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refresh_token: string;
}
