import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Job } from 'bull';

import { AppConfig } from '@app/core';
import { JobContextData, QUEUE, QueueRegistry, runInJobContext } from '@app/queue';

import { ReportWriter } from './report-writer.service';

export const REPORT_JOB = 'export';

export interface ReportJobData extends JobContextData {
  reportId: string;
}

/**
 * Runs `reports` jobs in this process (apps/worker, or the API with RUN_WORKERS=true), up to
 * QUEUE_CONCURRENCY at once, each inside the request context of the call that asked for it.
 * Thin on purpose: the work is ReportWriter's. A thrown error fails the attempt; Bull retries it
 * with backoff until QUEUE_ATTEMPTS, and the report row says which it was.
 */
@Injectable()
export class ReportsProcessor implements OnModuleInit {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly config: AppConfig,
    private readonly queues: QueueRegistry,
    private readonly writer: ReportWriter,
  ) {}

  onModuleInit(): void {
    const queue = this.queues.get(QUEUE.reports);
    if (!queue) return;
    void queue.process(REPORT_JOB, this.config.QUEUE_CONCURRENCY, (job: Job<ReportJobData>) =>
      runInJobContext(job, () => this.handle(job)),
    );
    this.logger.log(
      `Processing the ${QUEUE.reports} queue (concurrency ${this.config.QUEUE_CONCURRENCY})`,
    );
  }

  private async handle(job: Job<ReportJobData>): Promise<void> {
    const attempt = job.attemptsMade + 1;
    try {
      await this.writer.run({
        reportId: job.data.reportId,
        attempt,
        onProgress: (percent) => job.progress(percent),
      });
    } catch (error) {
      await this.writer.failed(job.data.reportId, error, attempt >= (job.opts.attempts ?? 1));
      throw error;
    }
  }
}
