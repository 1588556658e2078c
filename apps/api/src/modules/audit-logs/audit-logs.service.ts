import { Injectable } from '@nestjs/common';

import { mapPage, Page, parseSort, toPageRequest } from '@app/core';

import { AuditLogsRepository } from './audit-logs.repository';
import { AuditLogResDto } from './dto/audit-log.res.dto';
import {
  AUDIT_DEFAULT_SORT,
  AUDIT_SORT_FIELDS,
  ListAuditLogsQueryDto,
} from './dto/list-audit-logs.query.dto';

@Injectable()
export class AuditLogsService {
  constructor(private readonly logs: AuditLogsRepository) {}

  async list(query: ListAuditLogsQueryDto): Promise<Page<AuditLogResDto>> {
    const sort = parseSort(query.sort, AUDIT_SORT_FIELDS, AUDIT_DEFAULT_SORT);
    const page = await this.logs.list(
      {
        entity: query.entity,
        entityId: query.entity_id,
        actorId: query.actor,
        requestId: query.request_id,
        createdFrom: query.created_from ? new Date(query.created_from) : undefined,
        createdTo: query.created_to ? new Date(query.created_to) : undefined,
      },
      sort,
      toPageRequest(query),
    );
    return mapPage(page, (log) => AuditLogResDto.from(log));
  }
}
