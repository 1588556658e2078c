/** The one response shape of the API (standard §3.4), success and error alike. */
export interface Envelope<T> {
  payload: T;
  message: string;
  is_error: boolean;
}

export interface ErrorPayload {
  error_code: string;
  details?: unknown;
  request_id: string;
}

export const DEFAULT_SUCCESS_MESSAGE = 'Success';

/** The content type of every envelope, for code that sends one as text. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function successEnvelope<T>(payload: T, message = DEFAULT_SUCCESS_MESSAGE): Envelope<T> {
  return { payload, message, is_error: false };
}

export function errorEnvelope(message: string, payload: ErrorPayload): Envelope<ErrorPayload> {
  return { payload, message, is_error: true };
}
