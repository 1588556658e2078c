import { createServer } from 'node:net';

import { spawnEntry, SpawnedProcess, waitForOutput } from './spawn-process';

const API_ENTRY = 'apps/api/src/main.ts';

export type SpawnedApi = SpawnedProcess & { port: number };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts apps/api/src/main.ts as a real process and waits until it listens. */
export async function spawnApi(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<SpawnedApi> {
  const port = await freePort();
  const api = spawnEntry(API_ENTRY, { PORT: String(port), HOST: '127.0.0.1', ...env });
  await waitForOutput(api, 'Quorum API listening', 'API', timeoutMs);
  return { ...api, port };
}

/** Runs apps/api/src/main.ts to completion (for start-up failures) and returns its exit code and output. */
export async function runApiToExit(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const api = spawnEntry(API_ENTRY, { PORT: '0', ...env });
  const timer = setTimeout(() => api.child.kill('SIGKILL'), timeoutMs);
  const code = await api.exited;
  clearTimeout(timer);
  return { code, stdout: api.stdout(), stderr: api.stderr() };
}
