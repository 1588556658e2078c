import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';

import { Injectable, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';

import { AppConfig, CursorPage, isoTimestamp, isoTimestampOrNull, parseSort } from '@app/core';
import { REPO_ROOT, TransactionRunner } from '@app/database';
import { logContext } from '@app/observability';

import type { ActorRole } from '../review-requests/review-request-rules';
import {
  REVIEW_REQUEST_DEFAULT_SORT,
  REVIEW_REQUEST_SORT_FIELDS,
} from '../review-requests/dto/list-review-requests.query.dto';
import type { ListedReviewRequest } from '../review-requests/entities/review-request.entity';
import { toReviewRequestFilter } from '../review-requests/review-request-filter';
import { ReviewRequestsRepository } from '../review-requests/review-requests.repository';
import type { CreateReportReqDto } from './dto/create-report.req.dto';
import { ReportRow, reportCsvStringifier } from './report-csv';
import { ReportsRepository } from './reports.repository';

export interface ReportRunInfo {
  reportId: string;
  /** 1 for the first run; more after a retry or after a dead worker's job was recovered. */
  attempt: number;
  /** Told every batch (percent), e.g. to keep the queue job's progress in step. */
  onProgress?: (percent: number) => Promise<void>;
}

/** Folder for report files: REPORTS_DIR, relative to the repository root unless absolute. */
export function reportsDir(config: AppConfig): string {
  return isAbsolute(config.REPORTS_DIR) ? config.REPORTS_DIR : join(REPO_ROOT, config.REPORTS_DIR);
}

export const reportFileName = (id: string): string => `report-${id}.csv`;

/**
 * Writes one report: the owner's visible review requests matching the filters, read in batches
 * by cursor (so the cost per batch does not grow with depth), into a CSV file written under a
 * temporary name and renamed when complete. Progress goes to the reports table after each batch.
 * A run repeated after a retry or a stalled-job recovery starts the file again from scratch.
 */
@Injectable()
export class ReportWriter {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly config: AppConfig,
    private readonly reports: ReportsRepository,
    private readonly requests: ReviewRequestsRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async run({ reportId, attempt, onProgress }: ReportRunInfo): Promise<void> {
    const report = await this.reports.findById(reportId);
    if (!report) {
      this.logger.warn({ ...logContext(), report_id: reportId }, 'Report no longer exists');
      return;
    }
    const role = await this.reports.ownerRole(report.ownerId);
    if (!role) throw new Error('The owner of this report no longer exists');
    await this.transactions.run((m) => this.reports.markActive(reportId, m));
    this.logger.log({ ...logContext(), report_id: reportId, attempt }, 'Report started');

    const filters = JSON.parse(report.filters) as CreateReportReqDto;
    const filter = toReviewRequestFilter(filters);
    const actor = { id: report.ownerId, role: role as ActorRole };
    const sort = parseSort(filters.sort, REVIEW_REQUEST_SORT_FIELDS, REVIEW_REQUEST_DEFAULT_SORT);
    const counted = await this.requests.list(filter, actor, sort, {
      mode: 'offset',
      page: 1,
      pageSize: 1,
    });
    const total = 'total' in counted ? counted.total : 0;

    const dir = reportsDir(this.config);
    await mkdir(dir, { recursive: true });
    const fileName = reportFileName(reportId);
    const partial = join(dir, `${fileName}.part`);
    const out = createWriteStream(partial);
    const csv = reportCsvStringifier();
    csv.pipe(out);
    let written = 0;
    try {
      let cursor: string | null = null;
      do {
        const page = (await this.requests.list(filter, actor, sort, {
          mode: 'cursor',
          cursor,
          pageSize: this.config.REPORTS_BATCH_SIZE,
        })) as CursorPage<ListedReviewRequest>;
        const tags = await this.requests.tagsByRequest(page.items.map((r) => String(r.id)));
        for (const request of page.items) {
          const row = toRow(
            request,
            (tags.get(String(request.id)) ?? []).map((t) => t.name),
          );
          if (!csv.write(row)) await once(csv, 'drain');
        }
        written += page.items.length;
        cursor = page.next_cursor;
        const percent = total === 0 ? 100 : Math.min(99, Math.floor((written / total) * 100));
        await this.transactions.run((m) => this.reports.setProgress(reportId, percent, m));
        await onProgress?.(percent);
        if (cursor && this.config.REPORTS_BATCH_PAUSE_MS > 0) {
          await sleep(this.config.REPORTS_BATCH_PAUSE_MS);
        }
      } while (cursor);
      csv.end();
      await finished(out);
      await rename(partial, join(dir, fileName));
    } catch (error) {
      csv.destroy();
      out.destroy();
      await rm(partial, { force: true });
      throw error;
    }
    await this.transactions.run((m) => this.reports.markCompleted(reportId, written, fileName, m));
    this.logger.log(
      { ...logContext(), report_id: reportId, rows: written, attempt },
      'Report completed',
    );
  }

  /** Records why a run failed; on the last attempt the report is failed for good. */
  async failed(reportId: string, error: unknown, final: boolean): Promise<void> {
    const message = publicMessage(error);
    await this.transactions.run((m) => this.reports.markFailed(reportId, message, final, m));
    this.logger.warn(
      { ...logContext(), report_id: reportId, final, err: message },
      final ? 'Report failed' : 'Report attempt failed; it will be retried',
    );
  }
}

function toRow(r: ListedReviewRequest, tags: string[]): ReportRow {
  return {
    id: String(r.id),
    title: r.title,
    status: r.status,
    workflow_id: String(r.workflowId),
    author_id: String(r.authorId),
    tags: tags.join(';'),
    current_step_position: r.currentStepPosition,
    round: r.round,
    created_at: isoTimestamp(r.createdAt),
    updated_at: isoTimestamp(r.updatedAt),
    submitted_at: isoTimestampOrNull(r.submittedAt),
    closed_at: isoTimestampOrNull(r.closedAt),
  };
}

/** What the owner may read about a failure: never SQL or driver text. */
function publicMessage(error: unknown): string {
  if (error instanceof QueryFailedError) return 'The database query for this report failed';
  // File system errors (ENOSPC, EACCES, ENOTDIR…) name server paths: say what failed, not where.
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return `The report file could not be written (${code})`;
  }
  if (error instanceof Error && /timed out|timeout/i.test(error.message)) {
    return 'The report took too long and was stopped';
  }
  return error instanceof Error ? error.message : 'The report failed';
}
