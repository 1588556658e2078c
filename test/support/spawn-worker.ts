import { spawnEntry, SpawnedProcess, waitForOutput } from './spawn-process';

export type SpawnedWorker = SpawnedProcess;

/** Starts apps/worker/src/main.ts as a real process; waits until it is ready. */
export async function spawnWorker(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<SpawnedWorker> {
  const worker = spawnEntry('apps/worker/src/main.ts', env);
  await waitForOutput(worker, 'Quorum worker ready', 'worker', timeoutMs);
  return worker;
}
