/** Injection token of the process's root pino logger (see LoggingModule). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * Injection token of the request log (a RequestLog): the root logger's level, format and
 * destination, without the mixin and the secret redaction, which the request line (fixed, safe
 * fields that already carry request_id and user_id) does not need. See RequestLoggingHook.
 */
export const REQUEST_LOGGER = Symbol('REQUEST_LOGGER');
