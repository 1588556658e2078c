import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { CursorCodec, Page, PageRequest, SortSpec } from '@app/core';
import { paginate } from '@app/database';
import { AuditLog } from '@app/observability';

export interface AuditLogFilter {
  entity?: string;
  entityId?: string;
  actorId?: string;
  requestId?: string;
  createdFrom?: Date;
  createdTo?: Date;
}

@Injectable()
export class AuditLogsRepository {
  constructor(
    @InjectRepository(AuditLog) private readonly logs: Repository<AuditLog>,
    private readonly cursors: CursorCodec,
  ) {}

  list(filter: AuditLogFilter, sort: SortSpec, page: PageRequest): Promise<Page<AuditLog>> {
    const qb = this.logs.createQueryBuilder('log');
    if (filter.entity) qb.andWhere('log.entity = :entity', { entity: filter.entity });
    if (filter.entityId) qb.andWhere('log.entityId = :entityId', { entityId: filter.entityId });
    if (filter.actorId) qb.andWhere('log.actorId = :actorId', { actorId: filter.actorId });
    if (filter.requestId)
      qb.andWhere('log.requestId = :requestId', { requestId: filter.requestId });
    if (filter.createdFrom) qb.andWhere('log.createdAt >= :from', { from: filter.createdFrom });
    if (filter.createdTo) qb.andWhere('log.createdAt < :to', { to: filter.createdTo });
    return paginate(qb, sort, page, this.cursors);
  }
}
