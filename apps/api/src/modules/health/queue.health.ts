import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';

import { QueueMonitor, QueueRegistry } from '@app/queue';

/** Each Bull queue's job counts (waiting, active, failed…); down when Redis does not answer. */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly queues: QueueRegistry,
    private readonly monitor: QueueMonitor,
    private readonly indicators: HealthIndicatorService,
  ) {}

  get configured(): boolean {
    return this.queues.configured;
  }

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    const details: Record<string, unknown> = {};
    let down = false;
    for (const queue of this.queues.all()) {
      try {
        const c = await this.monitor.counts(queue);
        details[queue.name] = {
          waiting: c.waiting,
          active: c.active,
          delayed: c.delayed,
          failed: c.failed,
        };
      } catch (error) {
        down = true;
        details[queue.name] = { message: (error as Error).message };
      }
    }
    return down ? indicator.down(details) : indicator.up(details);
  }
}
