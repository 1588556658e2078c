import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiBearerAuth, ApiOAuth2 } from '@nestjs/swagger';

import { ApiErrors } from '@app/core';

/** Swagger security schemes (see bootstrap/swagger.ts): a pasted bearer token or the OAuth2 password flow. */
export const BEARER_SCHEME = 'bearer';
export const OAUTH2_SCHEME = 'oauth2';

/** Documents that the routes need an access token: either Swagger scheme works, 401 without. */
export const ApiAuth = () =>
  applyDecorators(
    ApiBearerAuth(BEARER_SCHEME),
    ApiOAuth2([], OAUTH2_SCHEME),
    ApiErrors(HttpStatus.UNAUTHORIZED),
  );
