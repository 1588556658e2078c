import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');

export interface ScriptResult {
  /** Exit code (null when killed by a signal). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time in milliseconds. */
  ms: number;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * The environment a spawned script sees: this process's, minus anything that would point it at
 * another database or at Redis, plus `env`. DB_TYPE is set explicitly so a developer's `.env`
 * (read by the scripts, real environment wins) cannot send a test to SQL Server.
 *
 * ts-node skips type-checking (TS_NODE_TRANSPILE_ONLY, as ts-jest does with isolatedModules):
 * it costs ~4 s of CPU per spawn and `npm run typecheck` already checks the same files. Set
 * TEST_SCRIPTS_TYPECHECK=1 to run the scripts exactly as a developer's shell would.
 */
export function scriptEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('DB_') && key !== 'REDIS_URL'),
  );
  const transpileOnly =
    process.env.TEST_SCRIPTS_TYPECHECK === '1' ? {} : { TS_NODE_TRANSPILE_ONLY: 'true' };
  return {
    ...base,
    ...transpileOnly,
    DB_TYPE: 'sqlite',
    DB_CONNECT_ATTEMPTS: '1',
    NO_COLOR: '1',
    ...env,
  };
}

/**
 * Runs `npm run <script> [-- args]` from the repository root, exactly as a developer would, and
 * collects its output (colour codes removed). Never rejects: the caller asserts on `code`.
 */
export function runNpmScript(
  script: string,
  env: Record<string, string>,
  args: string[] = [],
  timeoutMs = 60_000,
): Promise<ScriptResult> {
  return runCommand(
    'npm',
    ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])],
    env,
    timeoutMs,
  );
}

export function runCommand(
  command: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ScriptResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    // Its own process group, so a timeout kills npm and the ts-node process under it.
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: scriptEnv(env),
      stdio: 'pipe',
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: stdout.replace(ANSI, ''),
        stderr: stderr.replace(ANSI, ''),
        ms: Date.now() - started,
      });
    });
  });
}

/** A one-line summary for assertion messages. */
export function describeResult(name: string, result: ScriptResult): string {
  return `${name} exited ${String(result.code)} after ${result.ms} ms\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}
