import type { Logger } from '@nestjs/common';

/** After a failed call, Redis is tried again only once this long has passed. */
export const REDIS_RETRY_AFTER_MS = 2000;

/**
 * A Redis user's view of an outage (AppCache, the rate-limit storage): one warning when calls
 * start failing, a pause of REDIS_RETRY_AFTER_MS after each failure so requests do not each wait
 * for a timeout, and on the first success afterwards one log line and `onRecovered` (what the user
 * must redo: Redis moved on without it).
 */
export class RedisOutage {
  private downSince?: number;

  constructor(
    private readonly logger: Logger,
    private readonly messages: { down: string; back: string },
    private readonly onRecovered: () => void,
  ) {}

  /** Redis is counted as down (a failure, or `markDown`, not followed by a success yet). */
  get isDown(): boolean {
    return this.downSince !== undefined;
  }

  /** A failure happened within the last REDIS_RETRY_AFTER_MS: do not ask Redis yet. */
  get pausing(): boolean {
    return this.downSince !== undefined && Date.now() - this.downSince <= REDIS_RETRY_AFTER_MS;
  }

  /** Down without a warning (e.g. not connected yet); the recovery is still logged and acted on. */
  markDown(): void {
    if (this.downSince === undefined) this.downSince = Date.now();
  }

  failed(error: unknown): void {
    if (this.downSince === undefined) {
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        this.messages.down,
      );
    }
    this.downSince = Date.now();
  }

  recovered(): void {
    if (this.downSince === undefined) return;
    this.downSince = undefined;
    this.onRecovered();
    this.logger.log(this.messages.back);
  }
}
