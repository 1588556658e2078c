import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';

import { insertAndReload, touch } from '@app/database';

import { User } from '../users/entities/user.entity';
import { Report } from './entities/report.entity';

/** Database access for reports (and the one users column a report job needs: the owner's role). */
@Injectable()
export class ReportsRepository {
  constructor(@InjectRepository(Report) private readonly reports: Repository<Report>) {}

  findById(id: string, manager?: EntityManager): Promise<Report | null> {
    return (manager?.getRepository(Report) ?? this.reports).findOneBy({ id });
  }

  /** The owner's role now (the report shows what the owner may see when it runs). */
  async ownerRole(ownerId: string): Promise<string | null> {
    const owner = await this.reports.manager
      .getRepository(User)
      .findOne({ select: { id: true, role: true }, where: { id: ownerId } });
    return owner?.role ?? null;
  }

  async insert(
    values: Pick<Report, 'ownerId' | 'filters'>,
    manager: EntityManager,
  ): Promise<Report> {
    return insertAndReload(manager.getRepository(Report), {
      ...values,
      status: 'queued',
      progress: 0,
      attempts: 0,
    });
  }

  /** A worker starts (or, after a retry or a dead worker, restarts) the report. */
  async markActive(id: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(Report).update(
      { id },
      touch({
        status: 'active' as const,
        progress: 0,
        attempts: () => 'attempts + 1',
        error: null,
        startedAt: new Date(),
        completedAt: null,
      }),
    );
  }

  async setProgress(id: string, progress: number, manager: EntityManager): Promise<void> {
    await manager.getRepository(Report).update({ id }, touch({ progress }));
  }

  async markCompleted(
    id: string,
    rowCount: number,
    fileName: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.getRepository(Report).update(
      { id },
      touch({
        status: 'completed' as const,
        progress: 100,
        rowCount,
        fileName,
        completedAt: new Date(),
      }),
    );
  }

  /** `final`: no attempt is left, the report has failed; otherwise it waits for its retry. */
  async markFailed(
    id: string,
    error: string,
    final: boolean,
    manager: EntityManager,
  ): Promise<void> {
    await manager.getRepository(Report).update(
      { id },
      touch({
        status: final ? ('failed' as const) : ('queued' as const),
        error: error.slice(0, 1000),
        ...(final ? { completedAt: new Date() } : {}),
      }),
    );
  }
}
