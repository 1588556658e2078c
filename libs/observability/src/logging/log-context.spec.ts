import { RequestContext } from '@app/core';

import { logContext } from './log-context';

describe('logContext', () => {
  it('is empty outside a request', () => {
    expect(logContext()).toEqual({});
  });

  it('carries the request id, and the user id once known', () => {
    RequestContext.run({ requestId: 'req-12345678' }, () => {
      expect(logContext()).toEqual({ request_id: 'req-12345678' });
      RequestContext.setUserId('42');
      expect(logContext()).toEqual({ request_id: 'req-12345678', user_id: '42' });
    });
  });

  it('follows the context across awaits', async () => {
    await RequestContext.run({ requestId: 'req-async-0001', userId: '7' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      expect(logContext()).toEqual({ request_id: 'req-async-0001', user_id: '7' });
    });
  });
});
