/**
 * A server run under valgrind's callgrind, whose instruction counter is zeroed before a load and
 * read after it. Instructions hardly depend on what else the machine is doing, so two builds can
 * be compared on a host whose speed drifts (decision 037). Not quite at all: how many requests one
 * turn of the event loop reads depends on the client's speed beside the server's, so compare runs
 * made alike, not one beside other load. The kernel's work (socket reads and writes) is not
 * counted, nor are cache misses: the counts rank changes, they do not predict req/s.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { openSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The instructions of a callgrind dump: its `totals:` line, else its `summary:` line. */
export function instructionsOf(dump: string): number {
  const line = /^totals: (\d+)/m.exec(dump) ?? /^summary: (\d+)/m.exec(dump);
  if (!line) throw new Error('not a callgrind dump: no totals or summary line');
  return Number(line[1]);
}

/** The newest of `<base>.1`, `<base>.2`, … (callgrind numbers each dump it is asked for). */
export function newestDump(files: string[], base: string): string | undefined {
  let newest: { file: string; part: number } | undefined;
  for (const file of files) {
    if (!file.startsWith(`${base}.`)) continue;
    const part = Number(file.slice(base.length + 1));
    if (Number.isInteger(part) && part > 0 && (!newest || part > newest.part)) {
      newest = { file, part };
    }
  }
  return newest?.file;
}

/**
 * The environment callgrind_control needs to reach a process. valgrind names the pipes it listens
 * on after the USER, LOGNAME and HOST of the process's environment, and vgdb looks for them by its
 * own: the API's HOST (the address it listens on) made the names differ, and every command went
 * nowhere while callgrind_control still said OK.
 */
export function controlEnv(target: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['USER', 'LOGNAME', 'HOST']) {
    if (target[name] === undefined) delete env[name];
    else env[name] = target[name];
  }
  return env;
}

export function hasCallgrind(): boolean {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
    execFileSync('callgrind_control', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export class CallgrindProcess {
  readonly child: ChildProcess;
  /** callgrind_control's environment: see `controlEnv`. */
  private readonly controlEnv: NodeJS.ProcessEnv;

  /** Starts `node args…` under callgrind; its dumps are `outFile.<n>`, its output `outFile.log`. */
  constructor(
    private readonly outFile: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    cwd: string,
  ) {
    this.controlEnv = controlEnv(env);
    const log = openSync(`${outFile}.log`, 'a');
    this.child = spawn(
      'valgrind',
      [
        '--tool=callgrind',
        // V8 writes and rewrites machine code: callgrind must notice code it has run change.
        '--smc-check=all-non-file',
        `--callgrind-out-file=${outFile}`,
        process.execPath,
        ...args,
      ],
      { cwd, env, stdio: ['ignore', log, log] },
    );
  }

  /** Sets the counters to zero. */
  zero(): void {
    this.control('--zero');
  }

  /** Dumps the counters and reads how many instructions ran since `zero()`. */
  dump(): number {
    this.control('--dump');
    const dir = dirname(this.outFile);
    const file = newestDump(readdirSync(dir), basename(this.outFile));
    if (!file) {
      throw new Error(
        `callgrind wrote no dump next to ${this.outFile}: ${readdirSync(dir).join(', ')}`,
      );
    }
    return instructionsOf(readFileSync(join(dir, file), 'utf8'));
  }

  private control(action: string): void {
    execFileSync('callgrind_control', [action, String(this.child.pid)], {
      env: this.controlEnv,
      stdio: 'ignore',
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}
