export * from './job-context';
export * from './job-options';
export * from './queue-monitor';
export * from './queue-registry';
export * from './queue.module';
