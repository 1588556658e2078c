export * from './logging/logging.module';
export * from './logging/redaction';
