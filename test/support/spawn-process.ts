import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface SpawnedProcess {
  child: ChildProcess;
  /** stdout and stderr together, as written so far. */
  output: () => string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Runs a TypeScript entry point of the repo as a real Node process (ts-node, transpile only). */
export function spawnEntry(entry: string, env: Record<string, string>): SpawnedProcess {
  let stdout = '';
  let stderr = '';
  let output = '';
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', LOG_FORMAT: 'json', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    output += d.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output: () => output, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Waits until the process prints `ready`; fails with its output if it exits or takes too long. */
export async function waitForOutput(
  spawned: SpawnedProcess,
  ready: string,
  label: string,
  timeoutMs: number,
): Promise<void> {
  const started = Date.now();
  while (!spawned.output().includes(ready)) {
    if (spawned.child.exitCode !== null) {
      throw new Error(`${label} exited early (${spawned.child.exitCode}):\n${spawned.output()}`);
    }
    if (Date.now() - started > timeoutMs) {
      spawned.child.kill('SIGKILL');
      throw new Error(`${label} did not start within ${timeoutMs} ms:\n${spawned.output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
