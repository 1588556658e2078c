import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuthUserLookup, BearerTokenAuthenticator } from '@app/auth';

import { UsersModule } from '../users/users.module';
import { UsersRepository } from '../users/users.repository';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { PasswordResetToken } from './entities/password-reset-token.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { PasswordController } from './password.controller';
import { PasswordResetTokensRepository } from './password-reset-tokens.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';

/**
 * Credentials: sign-in, refresh token rotation, sign-out, password change and reset. Provides the
 * bearer token authenticator the global guard uses, bound to the users repository for its per-request lookup.
 */
@Module({
  imports: [TypeOrmModule.forFeature([RefreshToken, PasswordResetToken]), UsersModule],
  controllers: [AuthController, PasswordController],
  providers: [
    AuthService,
    RefreshTokensRepository,
    PasswordResetTokensRepository,
    BearerTokenAuthenticator,
    { provide: AuthUserLookup, useExisting: UsersRepository },
  ],
  // The global JWT guard (registered in the app module) authenticates through it.
  exports: [BearerTokenAuthenticator],
})
export class AuthModule {}
