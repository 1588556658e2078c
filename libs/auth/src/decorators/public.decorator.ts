import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'quorum:public';

/** Opens a route (or every route of a controller) to callers without an access token. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
