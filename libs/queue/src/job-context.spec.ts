import type { Job } from 'bull';

import { RequestContext } from '@app/core';

import { jobContextFromRequest, JobContextData, runInJobContext } from './job-context';

describe('job context', () => {
  it('takes the request id and user id of the enqueuing request', () => {
    expect(jobContextFromRequest()).toEqual({});
    RequestContext.run({ requestId: 'req-12345678', userId: '7' }, () => {
      expect(jobContextFromRequest()).toEqual({ requestId: 'req-12345678', userId: '7' });
    });
  });

  it('runs the handler inside that context, or a job-named one', async () => {
    const job = (data: JobContextData) =>
      ({ id: 9, data, queue: { name: 'reports' } }) as unknown as Job<JobContextData>;
    await runInJobContext(job({ requestId: 'req-abcdefgh', userId: '3' }), async () => {
      expect(RequestContext.current()).toEqual({ requestId: 'req-abcdefgh', userId: '3' });
    });
    await runInJobContext(job({}), async () => {
      expect(RequestContext.requestId()).toBe('job-reports-9');
    });
  });
});
