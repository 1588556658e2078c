import { AppConfig } from '@app/core';

import { defaultJobOptions, queuePrefix, queueSettings } from './job-options';

describe('queue options', () => {
  const config = new AppConfig();

  it('retries with exponential backoff, times out and keeps a bounded history', () => {
    expect(defaultJobOptions(config)).toEqual({
      attempts: 3,
      backoff: { type: 'exponential', delay: 2000 },
      timeout: 300_000,
      removeOnComplete: 1000,
      removeOnFail: 5000,
    });
  });

  it('renews locks at half their duration and recovers stalled jobs', () => {
    const c = Object.assign(new AppConfig(), {
      QUEUE_LOCK_DURATION_MS: 1000,
      QUEUE_STALLED_INTERVAL_MS: 500,
    });
    expect(queueSettings(c)).toEqual({
      lockDuration: 1000,
      lockRenewTime: 500,
      stalledInterval: 500,
      maxStalledCount: 2,
    });
  });

  it('keeps Bull under the deployment prefix', () => {
    expect(queuePrefix(config)).toBe('quorum:bull');
  });
});
