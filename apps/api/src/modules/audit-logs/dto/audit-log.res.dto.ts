import { ApiProperty } from '@nestjs/swagger';

import { isoTimestamp } from '@app/core';
import type { AuditLog } from '@app/observability';

export class AuditLogResDto {
  @ApiProperty({ example: '501' })
  id: string;

  @ApiProperty({ example: '1', nullable: true, type: String })
  actor_id: string | null;

  @ApiProperty({ example: 'transition', description: 'create, update, delete or transition' })
  action: string;

  @ApiProperty({ example: 'review_request' })
  entity: string;

  @ApiProperty({ example: '42' })
  entity_id: string;

  @ApiProperty({
    example: { status: { before: 'in_review', after: 'approved' }, outcome: { after: 'approve' } },
    description: 'Changed fields with their before/after values; secrets appear as [REDACTED]',
  })
  diff: Record<string, unknown>;

  @ApiProperty({ example: '3f1c2a9e-5b7d-4c1e-9a0b-2d4e6f8a1b3c', nullable: true, type: String })
  request_id: string | null;

  @ApiProperty({ example: '2026-11-28T09:30:00.000Z', format: 'date-time' })
  created_at: string;

  static from(log: AuditLog): AuditLogResDto {
    return {
      id: String(log.id),
      actor_id: log.actorId === null ? null : String(log.actorId),
      action: log.action,
      entity: log.entity,
      entity_id: log.entityId,
      diff: JSON.parse(log.diff) as Record<string, unknown>,
      request_id: log.requestId,
      created_at: isoTimestamp(log.createdAt),
    };
  }
}
