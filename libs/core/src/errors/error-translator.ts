import { AppException } from './app-exceptions';

/**
 * Turns an error from a lower layer (a database driver, a client library) into the AppException
 * the API should answer with, or returns undefined when the error is not its kind.
 * Registered under ERROR_TRANSLATORS so the core filter needs no knowledge of drivers.
 */
export interface ErrorTranslator {
  translate(error: unknown): AppException | undefined;
}

export const ERROR_TRANSLATORS = Symbol('ERROR_TRANSLATORS');
