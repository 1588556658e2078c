import { Writable } from 'node:stream';

import pino from 'pino';

import { jsonRequestLog, pinoRequestLog, RequestLogFields } from './request-log';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { lines, stream };
}

const fixedTime = () => ',"time":"2026-11-28T12:00:00.000Z"';

/** The request logger as it was: pino with the root logger's options minus mixin and redaction. */
function viaPino(level: pino.LevelWithSilent, fields: RequestLogFields): string[] {
  const { lines, stream } = capture();
  const logger = pino(
    {
      level,
      messageKey: 'msg',
      timestamp: fixedTime,
      base: undefined,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
  pinoRequestLog(logger).write(fields);
  return lines;
}

function viaTemplate(level: pino.LevelWithSilent, fields: RequestLogFields): string[] {
  const lines: string[] = [];
  jsonRequestLog({ write: (line: string) => void lines.push(line) }, level, fixedTime).write(
    fields,
  );
  return lines;
}

const base: RequestLogFields = {
  requestId: '3c1ca4d9-25e5-487a-9b7a-450839a1d1c7',
  route: '/api/v1/workflows/:id',
  userId: '42',
  method: 'GET',
  path: '/api/v1/workflows/7',
  status: 200,
  durationMs: 1.234,
};

describe('jsonRequestLog', () => {
  it.each<[string, RequestLogFields]>([
    ['a signed-in read', base],
    ['an anonymous request', { ...base, userId: undefined }],
    ['no matching route (404, warn)', { ...base, route: undefined, status: 404 }],
    ['a server error (error)', { ...base, status: 503, durationMs: 250 }],
    [
      'a path with quotes, backslashes, control and non-ASCII characters',
      { ...base, route: undefined, status: 404, path: '/a"b\\c\u0001d/é✓\u2028' },
    ],
    ['a whole-number duration', { ...base, durationMs: 3 }],
  ])('writes what the pino request logger wrote for %s', (_case, fields) => {
    const expected = viaPino('info', fields);
    expect(expected).toHaveLength(1);
    expect(viaTemplate('info', fields)).toEqual(expected);
    expect(JSON.parse(expected[0])).toMatchObject({ request_id: fields.requestId });
  });

  it.each<[pino.LevelWithSilent, number, boolean]>([
    ['info', 200, true],
    ['warn', 200, false],
    ['warn', 404, true],
    ['error', 404, false],
    ['error', 500, true],
    ['silent', 500, false],
  ])('at LOG_LEVEL=%s a %d is written: %s', (level, status, written) => {
    const fields = { ...base, status };
    expect(viaTemplate(level, fields)).toHaveLength(written ? 1 : 0);
    expect(viaPino(level, fields)).toHaveLength(written ? 1 : 0);
  });
});
