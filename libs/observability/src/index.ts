export * from './logging/logging.module';
export * from './logging/redaction';
export * from './audit';
