import { mkdtempSync, rmSync } from 'node:fs';
import { connect, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { spawnApi, SpawnedApi } from './support/spawn-api';

function tryConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('graceful shutdown on SIGTERM (real process)', () => {
  let dir: string;
  let api: SpawnedApi;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quorum-shutdown-'));
    api = await spawnApi({ DB_SQLITE_PATH: join(dir, 'q.sqlite') });
  }, 60_000);

  afterAll(() => {
    if (api.child.exitCode === null) api.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the in-flight request, refuses new connections, closes and exits 0', async () => {
    const body = JSON.stringify({ name: 'in-flight', colour: '#123456' });
    const socket: Socket = connect(api.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    let response = '';
    socket.on('data', (d: Buffer) => (response += d.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));

    // Headers and half the body: the request is in flight when SIGTERM arrives.
    socket.write(
      `POST /api/v1/tags HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    socket.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 200));
    api.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));

    expect(await tryConnect(api.port)).toBe(false);
    expect(api.child.exitCode).toBeNull(); // still waiting for our request

    socket.write(body.slice(10));
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 (201|401) /);
    expect(response).toContain('"is_error"');

    expect(await api.exited).toBe(0);
    expect(api.output()).toContain('SIGTERM received');
    expect(api.output()).toContain('Shutdown complete');
  }, 30_000);
});
