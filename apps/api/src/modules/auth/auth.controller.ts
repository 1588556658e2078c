import { Body, Controller, Header, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';

import { ApiAuth, AuthUser, CurrentUser, Public } from '@app/auth';
import {
  ApiEnvelope,
  ApiErrors,
  Background,
  BackgroundTasks,
  RawResponse,
  ResponseMessage,
} from '@app/core';

import { UserResDto } from '../users/dto/user.res.dto';
import { AuthService } from './auth.service';
import { ForgotPasswordReqDto } from './dto/forgot-password.req.dto';
import { LoginReqDto } from './dto/login.req.dto';
import { RefreshTokenReqDto } from './dto/refresh-token.req.dto';
import { RegisterReqDto } from './dto/register.req.dto';
import { ResetPasswordReqDto } from './dto/reset-password.req.dto';
import { OAuthTokenResDto, TokenPairResDto } from './dto/token-pair.res.dto';
import { TokenFormReqDto } from './dto/token-form.req.dto';

const SIGNED_IN = 'Signed in';
const FORGOT_MESSAGE =
  'If an active account uses this email, a reset link is on its way; it works once, for a limited time';

/** HTTP only: sign-up, sign-in, token refresh and sign-out, password reset. */
@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Public()
  @ApiOperation({
    summary: 'Sign up',
    description:
      'Creates an `author` account when ALLOW_SIGNUP=true (403 SIGNUP_DISABLED otherwise). Sign in afterwards.',
  })
  @ApiEnvelope(UserResDto, { status: HttpStatus.CREATED, message: 'Account created' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.FORBIDDEN, HttpStatus.CONFLICT)
  @ResponseMessage('Account created')
  register(@Body() body: RegisterReqDto): Promise<UserResDto> {
    return this.auth.register({
      email: body.email,
      displayName: body.display_name,
      password: body.password,
    });
  }

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Email and password → access token (JWT) and refresh token. Wrong password and unknown email give the same 401; repeated failures lock the account (403 ACCOUNT_LOCKED with Retry-After).',
  })
  @ApiEnvelope(TokenPairResDto, { message: SIGNED_IN })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN)
  @ResponseMessage(SIGNED_IN)
  login(@Body() body: LoginReqDto): Promise<TokenPairResDto> {
    return this.auth.login(body.email, body.password);
  }

  @Post('token')
  @Public()
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @RawResponse()
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ type: TokenFormReqDto })
  @ApiOperation({
    summary: 'OAuth2 token endpoint (password and refresh_token grants)',
    description:
      'Form-encoded, for OAuth2 clients and Swagger UI’s Authorize. Answers the envelope plus `access_token`, `token_type`, `expires_in` and `refresh_token` at the top level (RFC 6749 §5.1).',
  })
  @ApiResponse({ status: HttpStatus.OK, type: OAuthTokenResDto, description: SIGNED_IN })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN)
  async token(@Body() body: TokenFormReqDto): Promise<OAuthTokenResDto> {
    const pair =
      body.grant_type === 'password'
        ? await this.auth.login(body.username ?? '', body.password ?? '')
        : await this.auth.refresh(body.refresh_token ?? '');
    return {
      payload: pair,
      message: SIGNED_IN,
      is_error: false,
      access_token: pair.access_token,
      token_type: pair.token_type,
      expires_in: pair.expires_in,
      refresh_token: pair.refresh_token,
    };
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Refresh the access token',
    description:
      'Exchanges a refresh token for a new pair; the old refresh token dies. Presenting a used refresh token again revokes every token of that sign-in (401 REFRESH_TOKEN_REUSED).',
  })
  @ApiEnvelope(TokenPairResDto, { message: 'Tokens refreshed' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED)
  @ResponseMessage('Tokens refreshed')
  refresh(@Body() body: RefreshTokenReqDto): Promise<TokenPairResDto> {
    return this.auth.refresh(body.refresh_token);
  }

  @Post('logout')
  @ApiAuth()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign out',
    description:
      'Revokes the refresh token and every token rotated from the same sign-in. The access token stays valid until it expires (at most ACCESS_TOKEN_TTL_MIN).',
  })
  @ApiEnvelope(null, { message: 'Signed out' })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  @ResponseMessage('Signed out')
  async logout(@CurrentUser() user: AuthUser, @Body() body: RefreshTokenReqDto): Promise<null> {
    await this.auth.logout(user, body.refresh_token);
    return null;
  }

  @Post('password/forgot')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Ask for a password reset link',
    description:
      'Always 200 with the same answer. For an active account, a single-use link is mailed after the response.',
  })
  @ApiEnvelope(null, { message: FORGOT_MESSAGE })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  @ResponseMessage(FORGOT_MESSAGE)
  async forgot(
    @Body() body: ForgotPasswordReqDto,
    @Background() tasks: BackgroundTasks,
  ): Promise<null> {
    tasks.add('password_reset_mail', await this.auth.forgotPassword(body.email));
    return null;
  }

  @Post('password/reset')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Set a new password with a reset token',
    description:
      'Consumes the token from the reset link (once), sets the password, ends any lockout and signs out every session.',
  })
  @ApiEnvelope(null, { message: 'Password reset; sign in with the new password' })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  @ResponseMessage('Password reset; sign in with the new password')
  async reset(@Body() body: ResetPasswordReqDto): Promise<null> {
    await this.auth.resetPassword(body.token, body.new_password);
    return null;
  }
}
