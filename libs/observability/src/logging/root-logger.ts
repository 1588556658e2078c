/** Injection token of the process's root pino logger (see LoggingModule). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
