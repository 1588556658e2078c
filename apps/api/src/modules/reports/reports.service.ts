import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';

import { Injectable, Logger, StreamableFile } from '@nestjs/common';

import type { AuthUser } from '@app/auth';
import { withTimeout } from '@app/cache';
import { AppConfig, ConflictError, NotFoundError, ServiceUnavailableError } from '@app/core';
import { TransactionRunner } from '@app/database';
import { logContext } from '@app/observability';
import { jobContextFromRequest, QUEUE, QueueRegistry } from '@app/queue';

import type { CreateReportReqDto } from './dto/create-report.req.dto';
import { ReportResDto } from './dto/report.res.dto';
import type { Report } from './entities/report.entity';
import { givenFilters } from './report-filters';
import { reportFileName, reportsDir } from './report-writer.service';
import { REPORT_JOB, ReportJobData } from './reports.processor';
import { ReportsRepository } from './reports.repository';

const ENQUEUE_TIMEOUT_MS = 2000;

/** Report exports: ask for one (queued), follow it, download its CSV. Owner or admin only. */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly config: AppConfig,
    private readonly reports: ReportsRepository,
    private readonly transactions: TransactionRunner,
    private readonly queues: QueueRegistry,
  ) {}

  async create(dto: CreateReportReqDto, user: AuthUser): Promise<ReportResDto> {
    const queue = this.queues.get(QUEUE.reports);
    if (!queue) {
      throw new ServiceUnavailableError(
        'Reports need the job queue: set REDIS_URL to a Redis server and restart',
        { code: 'QUEUE_UNAVAILABLE' },
      );
    }
    if (queue.client.status !== 'ready') throw this.queueDown();
    const report = await this.transactions.run((m) =>
      this.reports.insert({ ownerId: user.id, filters: JSON.stringify(givenFilters(dto)) }, m),
    );
    const data: ReportJobData = { reportId: String(report.id), ...jobContextFromRequest() };
    try {
      await withTimeout(
        queue.add(REPORT_JOB, data, { jobId: `report-${report.id}` }),
        ENQUEUE_TIMEOUT_MS,
        'enqueueing the report',
      );
    } catch (error) {
      await this.transactions.run((m) =>
        this.reports.markFailed(String(report.id), 'It could not be queued', true, m),
      );
      this.logger.warn({ ...logContext(), err: (error as Error).message }, 'Report not queued');
      throw this.queueDown();
    }
    this.logger.log({ ...logContext(), report_id: String(report.id) }, 'Report queued');
    return ReportResDto.from(report);
  }

  async get(id: string, user: AuthUser): Promise<ReportResDto> {
    return ReportResDto.from(await this.visible(id, user));
  }

  /** The CSV of a completed report; 409 while it is not. */
  async download(id: string, user: AuthUser): Promise<StreamableFile> {
    const report = await this.visible(id, user);
    if (report.status !== 'completed' || !report.fileName) {
      throw new ConflictError(
        `Report ${id} is ${report.status}; download it once it is completed`,
        {
          code: 'REPORT_NOT_READY',
          details: { status: report.status, progress: report.progress },
        },
      );
    }
    const path = join(reportsDir(this.config), report.fileName);
    try {
      await access(path);
    } catch {
      throw new NotFoundError(`The file of report ${id} is no longer available`);
    }
    return new StreamableFile(createReadStream(path), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${reportFileName(id)}"`,
    });
  }

  /** Someone else's report reads as missing: its existence is not disclosed. */
  private async visible(id: string, user: AuthUser): Promise<Report> {
    const report = await this.reports.findById(id);
    if (!report || (report.ownerId !== user.id && user.role !== 'admin')) {
      throw NotFoundError.of('Report', id);
    }
    return report;
  }

  private queueDown(): ServiceUnavailableError {
    return new ServiceUnavailableError(
      'The job queue (Redis) is not reachable; try again shortly',
      {
        code: 'QUEUE_UNAVAILABLE',
        retryAfterSeconds: 5,
      },
    );
  }
}
