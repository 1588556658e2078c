import type { JobOptions, QueueOptions } from 'bull';

import type { AppConfig } from '@app/core';

/**
 * What every job gets unless it says otherwise: a bounded number of tries with exponential
 * backoff, a timeout, and a bounded history (the newest finished jobs are kept for inspection,
 * older ones removed so Redis does not grow without end).
 */
export function defaultJobOptions(config: AppConfig): JobOptions {
  return {
    attempts: config.QUEUE_ATTEMPTS,
    backoff: { type: 'exponential', delay: config.QUEUE_BACKOFF_MS },
    timeout: config.QUEUE_JOB_TIMEOUT_MS,
    removeOnComplete: config.QUEUE_KEEP_COMPLETED,
    removeOnFail: config.QUEUE_KEEP_FAILED,
  };
}

/**
 * Worker settings. A worker holds a lock on each active job and renews it every half
 * lockDuration; when a worker dies, its lock lapses and the next stalled check (every
 * stalledInterval, by any worker) puts the job back in the queue, up to maxStalledCount times.
 */
export function queueSettings(config: AppConfig): NonNullable<QueueOptions['settings']> {
  return {
    lockDuration: config.QUEUE_LOCK_DURATION_MS,
    lockRenewTime: Math.floor(config.QUEUE_LOCK_DURATION_MS / 2),
    stalledInterval: config.QUEUE_STALLED_INTERVAL_MS,
    maxStalledCount: config.QUEUE_MAX_STALLED_COUNT,
  };
}

/** Bull's keys live under `<REDIS_KEY_PREFIX>:bull:<queue>:…`. */
export function queuePrefix(config: AppConfig): string {
  return `${config.REDIS_KEY_PREFIX}:bull`;
}
