import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';

import { withTimeout } from '@app/cache';
import { MetricsService, QueueState, reportError } from '@app/observability';

import { QueueRegistry } from './queue-registry';

const DEPTH_STATES: QueueState[] = [
  'waiting',
  'active',
  'delayed',
  'failed',
  'completed',
  'paused',
];
const POLL_MS = 15_000;

export type JobCounts = Record<QueueState, number>;

/**
 * Watches every queue of the process: job durations and outcomes into the metrics, jobs that
 * failed for good to error tracking, queue depths polled into gauges, Redis errors logged (once
 * per 10 s) instead of crashing the process.
 */
@Injectable()
export class QueueMonitor implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Queues');
  private timer?: NodeJS.Timeout;
  private lastErrorLog = 0;

  constructor(
    private readonly queues: QueueRegistry,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    for (const queue of this.queues.all()) this.watch(queue);
    if (!this.queues.configured) return;
    this.timer = setInterval(() => void this.pollDepths(), POLL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Job counts per state of one queue (also recorded as gauges); rejects when Redis does not answer. */
  async counts(queue: Queue, timeoutMs = 1000): Promise<JobCounts> {
    const counts = await withTimeout(queue.getJobCounts(), timeoutMs, `queue ${queue.name}`);
    const paused = await withTimeout(queue.getPausedCount(), timeoutMs, `queue ${queue.name}`);
    const all: JobCounts = { ...counts, paused };
    for (const state of DEPTH_STATES) this.metrics.setQueueDepth(queue.name, state, all[state]);
    return all;
  }

  private async pollDepths(): Promise<void> {
    for (const queue of this.queues.all()) {
      try {
        await this.counts(queue);
      } catch {
        // Redis is away; the error handler below has said so.
      }
    }
  }

  private watch(queue: Queue): void {
    queue.on('error', (error: Error) => {
      if (Date.now() - this.lastErrorLog < 10_000) return;
      this.lastErrorLog = Date.now();
      this.logger.warn({ queue: queue.name, err: error.message }, 'Queue connection error');
    });
    queue.on('completed', (job: Job) => this.observe(queue, job, 'completed'));
    queue.on('failed', (job: Job, error: Error) => {
      this.observe(queue, job, 'failed');
      const attempts = job.opts.attempts ?? 1;
      if (job.attemptsMade >= attempts) {
        reportError(error, {
          tags: { queue: queue.name, job: job.name },
          extra: { job_id: String(job.id), attempts: job.attemptsMade },
          request_id: (job.data as { requestId?: string } | undefined)?.requestId,
        });
      }
    });
  }

  private observe(queue: Queue, job: Job, status: 'completed' | 'failed'): void {
    if (!job.processedOn) return;
    const seconds = ((job.finishedOn ?? Date.now()) - job.processedOn) / 1000;
    this.metrics.observeJob(queue.name, job.name, seconds, status);
  }
}
