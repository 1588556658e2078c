import { SetMetadata } from '@nestjs/common';

export const RESPONSE_MESSAGE_KEY = 'quorum:response-message';
export const RAW_RESPONSE_KEY = 'quorum:raw-response';

/** The envelope's `message` for a successful call of this route (default "Success"). */
export const ResponseMessage = (message: string) => SetMetadata(RESPONSE_MESSAGE_KEY, message);

/** Opt a route out of the envelope (plain-text metrics, file downloads). */
export const RawResponse = () => SetMetadata(RAW_RESPONSE_KEY, true);
