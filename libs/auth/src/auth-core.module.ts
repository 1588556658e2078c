import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';

import { AccessTokenService } from './jwt/access-token.service';
import { JWT_ALGORITHM, JwtSettings } from './jwt/jwt-settings';
import { PasswordHasher } from './password/password-hasher';
import { PasswordPolicy } from './password/password-policy';

/**
 * The identity toolkit every feature may use: access token signing, password hashing and policy.
 * The bearer token authenticator is provided by the app's auth module, which binds AuthUserLookup to the users
 * repository; the guards run globally through the app's GlobalGuards (apps/api/src/bootstrap).
 */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      extraProviders: [JwtSettings],
      inject: [JwtSettings],
      useFactory: (settings: JwtSettings) => ({
        secret: settings.key,
        signOptions: { algorithm: JWT_ALGORITHM },
        verifyOptions: {
          algorithms: [JWT_ALGORITHM],
          issuer: settings.issuer,
          audience: settings.audience,
        },
      }),
    }),
  ],
  providers: [JwtSettings, AccessTokenService, PasswordHasher, PasswordPolicy],
  exports: [JwtModule, JwtSettings, AccessTokenService, PasswordHasher, PasswordPolicy],
})
export class AuthCoreModule {}
