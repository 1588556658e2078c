import { ApiProperty } from '@nestjs/swagger';

import { isoTimestamp, isoTimestampOrNull } from '@app/core';

import { REPORT_STATUSES, Report, ReportStatus } from '../entities/report.entity';

export class ReportResDto {
  @ApiProperty({ example: '12' })
  id: string;

  @ApiProperty({ example: 'queued', enum: REPORT_STATUSES })
  status: ReportStatus;

  @ApiProperty({ example: 40, type: 'integer', description: 'Percent done, 0 to 100' })
  progress: number;

  @ApiProperty({
    example: { status: 'in_review', tag: 'security' },
    description: 'Filters asked for',
  })
  filters: Record<string, unknown>;

  @ApiProperty({
    example: 1234,
    type: 'integer',
    nullable: true,
    description: 'Rows once completed',
  })
  row_count: number | null;

  @ApiProperty({ example: null, nullable: true, type: String, description: 'Why it failed' })
  error: string | null;

  @ApiProperty({ example: 1, type: 'integer', description: 'Times a worker started it' })
  attempts: number;

  @ApiProperty({
    example: '/api/v1/reports/12/download',
    nullable: true,
    type: String,
    description: 'Where to download the CSV once completed',
  })
  download_url: string | null;

  @ApiProperty({ example: '2026-11-28T09:30:00.000Z', format: 'date-time' })
  created_at: string;

  @ApiProperty({ example: '2026-11-28T09:30:00.000Z', format: 'date-time' })
  updated_at: string;

  @ApiProperty({ example: null, format: 'date-time', nullable: true, type: String })
  started_at: string | null;

  @ApiProperty({ example: null, format: 'date-time', nullable: true, type: String })
  completed_at: string | null;

  static from(report: Report): ReportResDto {
    const id = String(report.id);
    return {
      id,
      status: report.status,
      progress: report.progress,
      filters: JSON.parse(report.filters) as Record<string, unknown>,
      row_count: report.rowCount,
      error: report.error,
      attempts: report.attempts,
      download_url: report.status === 'completed' ? `/api/v1/reports/${id}/download` : null,
      created_at: isoTimestamp(report.createdAt),
      updated_at: isoTimestamp(report.updatedAt),
      started_at: isoTimestampOrNull(report.startedAt),
      completed_at: isoTimestampOrNull(report.completedAt),
    };
  }
}
