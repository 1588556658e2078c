import { Body, Controller, Header, HttpStatus, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiAuth, AuthUser, CurrentUser } from '@app/auth';
import { ApiEnvelope, ApiErrors, ResponseMessage } from '@app/core';

import { AuthService } from './auth.service';
import { ChangePasswordReqDto } from './dto/change-password.req.dto';
import { TokenPairResDto } from './dto/token-pair.res.dto';

/**
 * PUT /users/me/password lives with the credentials (auth feature): changing a password revokes
 * refresh tokens, which the users feature does not own.
 */
@ApiTags('users')
@ApiAuth()
@Controller({ path: 'users/me/password', version: '1' })
export class PasswordController {
  constructor(private readonly auth: AuthService) {}

  @Put()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Change my password',
    description:
      'Needs the current password. Signs out every other session (all refresh tokens revoked, older access tokens refused) and returns a fresh token pair for this one.',
  })
  @ApiEnvelope(TokenPairResDto, { message: 'Password changed' })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  @ResponseMessage('Password changed')
  change(
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordReqDto,
  ): Promise<TokenPairResDto> {
    return this.auth.changePassword(user, body.current_password, body.new_password);
  }
}
