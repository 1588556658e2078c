import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { BatchedLineSink } from './batched-line-sink';

function recordingTarget(): { chunks: string[]; write(chunk: string): void } {
  const chunks: string[] = [];
  return { chunks, write: (chunk: string) => void chunks.push(chunk) };
}

describe('BatchedLineSink', () => {
  it('holds lines until the batch is full, then writes them as one chunk in order', () => {
    const target = recordingTarget();
    const sink = new BatchedLineSink(target, 30, 60_000);
    sink.write('{"n":1}\n');
    sink.write('{"n":2}\n');
    sink.write('{"n":3}\n');
    expect(target.chunks).toEqual([]);
    sink.write('{"n":4}\n'); // 32 characters pending ≥ 30
    expect(target.chunks).toEqual(['{"n":1}\n{"n":2}\n{"n":3}\n{"n":4}\n']);
    sink.write('{"n":5}\n');
    expect(target.chunks).toHaveLength(1);
  });

  it('writes what is pending on its timer', async () => {
    const target = recordingTarget();
    const sink = new BatchedLineSink(target, 1024, 20);
    sink.write('a\n');
    sink.write('b\n');
    await sleep(80);
    expect(target.chunks).toEqual(['a\nb\n']);
  });

  it('flushSync writes what is pending and makes the target flush too', () => {
    const chunks: string[] = [];
    const flushSync = jest.fn();
    const sink = new BatchedLineSink({ write: (c: string) => chunks.push(c), flushSync }, 1024);
    sink.flushSync();
    expect(chunks).toEqual([]);
    sink.write('x\n');
    sink.flushSync();
    expect(chunks).toEqual(['x\n']);
    expect(flushSync).toHaveBeenCalledTimes(2);
  });

  // The lines of a process's last moments matter most: they must reach stdout when it exits.
  it.each([
    ['process.exit()', 'process.exit(3)', 3],
    ['an uncaught exception', 'setImmediate(() => { throw new Error("boom"); })', 1],
  ])('a real process writes every pending line on %s', (_case, ending, code) => {
    const script = `
      const pino = require('pino');
      const { BatchedLineSink } = require(${JSON.stringify(join(__dirname, 'batched-line-sink'))});
      const sink = new BatchedLineSink(pino.destination({ dest: 1, sync: true }), 1 << 20, 60000);
      for (let i = 0; i < 500; i++) sink.write(JSON.stringify({ i }) + '\\n');
      ${ending};
    `;
    const child = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-e', script],
      { encoding: 'utf8', cwd: join(__dirname, '..', '..', '..', '..') },
    );
    expect(child.status).toBe(code);
    const lines = child.stdout.trim().split('\n');
    expect(lines).toHaveLength(500);
    expect(lines.map((l) => (JSON.parse(l) as { i: number }).i)).toEqual(
      Array.from({ length: 500 }, (_, i) => i),
    );
  });
});
