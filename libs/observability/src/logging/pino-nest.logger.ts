import { LoggerService } from '@nestjs/common';
import type { Logger as PinoInstance } from 'pino';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** Nest's exception handlers call `error(message, stack)`: a string message and a stack trace. */
function isMessageAndStack(level: Level, message: unknown, params: unknown[]): boolean {
  return (
    level === 'error' &&
    typeof message === 'string' &&
    params.length === 1 &&
    typeof params[0] === 'string' &&
    /\n\s*at /.test(params[0])
  );
}

/**
 * Nest's LoggerService on the application's own pino logger (one per app, so several apps in one
 * process — tests — each log to their own destination). Nest's `Logger` passes the context as the
 * last argument: it becomes the `context` field. An object message is merged into the line, an
 * Error becomes `err`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: PinoInstance) {}

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, optional: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    let params: unknown[] = [];
    if (optional.length > 0) {
      fields.context = optional[optional.length - 1];
      params = optional.slice(0, -1);
    }
    if (message instanceof Error) {
      fields.err = message;
      this.pino[level](fields, ...(params as [string?]));
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
      this.pino[level](fields, ...(params as [string?]));
    } else if (isMessageAndStack(level, message, params)) {
      const err = new Error(String(message));
      err.stack = params[0] as string;
      fields.err = err;
      this.pino[level](fields);
    } else {
      this.pino[level](fields, String(message), ...params);
    }
  }
}
