import { ArgumentsHost, BadRequestException, Logger } from '@nestjs/common';

import { ServiceUnavailableError } from './app-exceptions';
import { ErrorReporter, ErrorReportContext } from './error-reporter';
import { GlobalExceptionFilter } from './global-exception.filter';

function httpHost(raw: Record<string, unknown> = {}) {
  const reply = {
    sent: false,
    status: jest.fn().mockReturnThis(),
    header: jest.fn().mockReturnThis(),
    send: jest.fn().mockReturnThis(),
  };
  const request = {
    id: 'req-filter-0001',
    method: 'POST',
    url: '/api/v1/things?x=1',
    headers: { authorization: 'Bearer t' },
    body: { name: 'n' },
    routeOptions: { url: '/api/v1/things' },
    raw,
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  return { host, reply };
}

describe('GlobalExceptionFilter → error reporters', () => {
  // The filter logs every error it answers; these tests look at reporters only.
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  let reported: { error: unknown; context: ErrorReportContext }[];
  let reporter: ErrorReporter;
  beforeEach(() => {
    reported = [];
    reporter = { report: (error, context) => reported.push({ error, context }) };
  });

  it('reports an unexpected error with the request id, user id, route and request', () => {
    const error = new Error('boom');
    const { host, reply } = httpHost({ userId: '42' });
    new GlobalExceptionFilter([], [reporter]).catch(error, host);
    expect(reply.status).toHaveBeenCalledWith(500);
    expect(reported).toEqual([
      {
        error,
        context: {
          request_id: 'req-filter-0001',
          user_id: '42',
          route: '/api/v1/things',
          method: 'POST',
          url: '/api/v1/things?x=1',
          headers: { authorization: 'Bearer t' },
          body: { name: 'n' },
        },
      },
    ]);
  });

  it('does not report 4xx, nor a deliberate 503', () => {
    const filter = new GlobalExceptionFilter([], [reporter]);
    filter.catch(new BadRequestException('bad'), httpHost().host);
    filter.catch(new ServiceUnavailableError(), httpHost().host);
    expect(reported).toHaveLength(0);
  });

  it('still answers when a reporter throws', () => {
    const { host, reply } = httpHost();
    const broken: ErrorReporter = {
      report: () => {
        throw new Error('reporter down');
      },
    };
    new GlobalExceptionFilter([], [broken]).catch(new Error('boom'), host);
    expect(reply.send).toHaveBeenCalled();
  });
});
