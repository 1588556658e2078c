import { Writable } from 'node:stream';

import pino from 'pino';

import { PinoNestLogger } from './pino-nest.logger';

function capture(): { logger: PinoNestLogger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const root = pino({ base: undefined, messageKey: 'msg', level: 'debug' }, sink);
  return {
    logger: new PinoNestLogger(root),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('PinoNestLogger', () => {
  it('writes a message with its context (the last argument Nest passes)', () => {
    const { logger, lines } = capture();
    logger.log('Mapped {/api/v1/tags, GET} route', 'RouterExplorer');
    expect(lines()[0]).toMatchObject({
      level: 30,
      msg: 'Mapped {/api/v1/tags, GET} route',
      context: 'RouterExplorer',
    });
  });

  it('merges an object message into the line, with the text that follows', () => {
    const { logger, lines } = capture();
    logger.warn({ mail: 'password_reset', to: 'a***@x.test' }, 'not sent', 'MailService');
    expect(lines()[0]).toMatchObject({
      level: 40,
      mail: 'password_reset',
      to: 'a***@x.test',
      msg: 'not sent',
      context: 'MailService',
    });
  });

  it("keeps the stack of Nest's error(message, stack) calls", () => {
    const { logger, lines } = capture();
    const stack = 'Error: boom\n    at handler (file.ts:1:1)';
    logger.error('boom', stack, 'ExceptionsHandler');
    const line = lines()[0] as { err: { message: string; stack: string } };
    expect(line.err.message).toBe('boom');
    expect(line.err.stack).toBe(stack);
  });

  it('logs an Error as err, and nothing below the level', () => {
    const { logger, lines } = capture();
    logger.verbose('too chatty');
    logger.error(new Error('failed'), 'Worker');
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatchObject({ level: 50, context: 'Worker', err: { message: 'failed' } });
  });
});
