import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { AppBaseEntity, DateTimeColumn, ForeignIdColumn, TextColumn } from '@app/database';

import { User } from '../../users/entities/user.entity';

export const REPORT_STATUSES = ['queued', 'active', 'completed', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A CSV export of review requests, produced by the `reports` queue. */
@Entity({ name: 'reports' })
@Index('ix_reports_owner_id_created_at', ['ownerId', 'createdAt'])
export class Report extends AppBaseEntity {
  @ForeignIdColumn()
  ownerId: string;

  /** Deleting a user deletes their reports. */
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User;

  @Index('ix_reports_status')
  @TextColumn(20, { default: 'queued' })
  status: ReportStatus;

  /** 0 to 100. */
  @Column({ type: 'int', default: 0 })
  progress: number;

  /** The review-request list filters it was asked with, as JSON. */
  @TextColumn('max')
  filters: string;

  @Column({ type: 'int', nullable: true })
  rowCount: number | null;

  /** File name inside REPORTS_DIR once completed. */
  @TextColumn(255, { nullable: true })
  fileName: string | null;

  /** Why the last attempt failed (no stack, no SQL). */
  @TextColumn(1000, { nullable: true })
  error: string | null;

  /** Times a worker started it (more than 1 after a retry or a stalled-job recovery). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @DateTimeColumn({ nullable: true })
  startedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  completedAt: Date | null;
}
