import { Worker } from 'node:worker_threads';

import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';

import { ErrorDetail, ServiceUnavailableError } from '@app/core';

import { AuthErrors } from '../auth.exception';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn score 0–4; 3 is "safely unguessable: moderate protection from an offline slow-hash attack". */
export const PASSWORD_MIN_SCORE = 3;
/** zxcvbn judges this many leading characters (its cost grows fast with length). */
export const PASSWORD_CHECKED_LENGTH = 64;
const CHECK_TIMEOUT_MS = 5_000;

interface Verdict {
  score: number;
  warning: string | null;
  suggestions: string[];
}

type Reply = { id: number } & ({ verdict: Verdict } | { error: string });

/**
 * Runs zxcvbn-ts in a worker thread. One check costs 5–100 ms of CPU (more for long l33t-looking
 * input); on the main thread that would stall every other request, and sign-up and reset are
 * public. The module paths are resolved here so the worker finds them from source and dist alike.
 */
function workerSource(): string {
  const core = JSON.stringify(require.resolve('@zxcvbn-ts/core'));
  const common = JSON.stringify(require.resolve('@zxcvbn-ts/language-common'));
  const en = JSON.stringify(require.resolve('@zxcvbn-ts/language-en'));
  return `
    const { parentPort } = require('node:worker_threads');
    const { ZxcvbnFactory } = require(${core});
    const common = require(${common});
    const en = require(${en});
    const zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
      maxLength: ${PASSWORD_CHECKED_LENGTH},
      l33tMaxSubstitutions: 10,
    });
    parentPort.on('message', ({ id, password, inputs }) => {
      try {
        const r = zxcvbn.check(password, inputs);
        parentPort.postMessage({ id, verdict: { score: r.score, warning: r.feedback.warning || null, suggestions: r.feedback.suggestions } });
      } catch (e) {
        parentPort.postMessage({ id, error: String((e && e.message) || e) });
      }
    });`;
}

/**
 * Password strength (standard §11.2) by zxcvbn-ts: 12 to 128 characters and a score of at least 3,
 * judged against its lists of common and leaked passwords, common words and names, keyboard
 * patterns, dates, and the user's own email and name.
 */
@Injectable()
export class PasswordPolicy implements OnModuleDestroy {
  private readonly logger = new Logger(PasswordPolicy.name);
  private worker: Worker | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  /**
   * The worker (its own V8 isolate with zxcvbn's dictionaries, tens of MB) starts with the first
   * check and ends after this long without one: passwords are checked at sign-up, change and reset
   * only, and an idle API should not carry it (issue 8's idle RSS). The first check after a pause
   * pays the dictionary load, a few hundred ms.
   */
  idleStopMs = 60_000;
  private readonly pending = new Map<
    number,
    { resolve: (v: Verdict) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();

  /** The problems with a password, empty when it is acceptable. */
  async problems(password: string, userInputs: string[] = []): Promise<string[]> {
    if (password.length < PASSWORD_MIN_LENGTH) {
      return [`must be at least ${PASSWORD_MIN_LENGTH} characters long`];
    }
    if (password.length > PASSWORD_MAX_LENGTH) {
      return [`must be at most ${PASSWORD_MAX_LENGTH} characters long`];
    }
    const verdict = await this.check(password, expandInputs(userInputs));
    if (verdict.score >= PASSWORD_MIN_SCORE) return [];
    const warning = verdict.warning ?? 'It follows a common pattern.';
    return [`is too easy to guess: ${warning}`, ...verdict.suggestions].map((s) => s.trim());
  }

  /** Throws 400 WEAK_PASSWORD naming the field when the password is not acceptable. */
  async enforce(password: string, userInputs: string[] = [], field = 'password'): Promise<void> {
    const problems = await this.problems(password, userInputs);
    if (problems.length === 0) return;
    const details: ErrorDetail[] = [
      { field, message: `${field} ${problems.join(' ')}`, constraints: ['isStrongPassword'] },
    ];
    throw AuthErrors.weakPassword(details);
  }

  /** Whether the worker is up (for tests and health). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Ends the worker (the next check starts a new one). */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    clearTimeout(this.idleTimer);
    this.failAll(new Error('Password policy stopped'));
    if (worker) await worker.terminate();
  }

  private check(password: string, inputs: string[]): Promise<Verdict> {
    clearTimeout(this.idleTimer);
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<Verdict>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.logger.error('Password strength check timed out; restarting its worker');
        void this.stop();
        reject(
          new ServiceUnavailableError('The password could not be checked in time; try again', {
            retryAfterSeconds: 1,
          }),
        );
      }, CHECK_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, password, inputs });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerSource(), { eval: true });
    worker.unref(); // never keeps the process alive by itself
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      clearTimeout(waiting.timer);
      if ('verdict' in reply) waiting.resolve(reply.verdict);
      else waiting.reject(new Error(`Password strength check failed: ${reply.error}`));
      if (this.pending.size === 0) this.stopWhenIdle();
    });
    worker.on('error', (error: Error) => {
      this.logger.error({ err: error.message }, 'Password strength worker failed');
      if (this.worker === worker) this.worker = undefined;
      this.failAll(error);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }

  private stopWhenIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.pending.size === 0) void this.stop();
    }, this.idleStopMs);
    this.idleTimer.unref();
  }

  private failAll(error: Error): void {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
      this.pending.delete(id);
    }
  }
}

/** The user's email, its parts and name words, and the product name count as guessable. */
function expandInputs(inputs: string[]): string[] {
  const words = new Set<string>(['quorum']);
  for (const input of inputs) {
    const value = input.trim().toLowerCase();
    if (!value) continue;
    words.add(value);
    for (const part of value.split(/[@.\s_+-]+/)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}
