import { Controller, Get, HttpStatus, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiAuth, Roles } from '@app/auth';
import { ApiErrors, ApiPageEnvelope, Page } from '@app/core';

import { AuditLogsService } from './audit-logs.service';
import { AuditLogResDto } from './dto/audit-log.res.dto';
import { ListAuditLogsQueryDto } from './dto/list-audit-logs.query.dto';

@ApiTags('audit-logs')
@ApiAuth()
@Controller({ path: 'audit-logs', version: '1' })
export class AuditLogsController {
  constructor(private readonly logs: AuditLogsService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'Search the audit trail',
    description:
      'Admin only. Every create/update/delete/transition of workflows, review requests, users and tags, newest first. Filter by entity, entity_id, actor, request_id (trace one HTTP request) and date range; cursor or offset pages.',
  })
  @ApiPageEnvelope(AuditLogResDto)
  @ApiErrors(HttpStatus.BAD_REQUEST)
  list(@Query() query: ListAuditLogsQueryDto): Promise<Page<AuditLogResDto>> {
    return this.logs.list(query);
  }
}
