import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { RequestContext } from '@app/core';

import { AuditDiff, auditDiff, AuditSnapshot } from './audit-diff';
import { AuditAction, AuditLog } from './audit-log.entity';

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId: string;
  before?: AuditSnapshot;
  after?: AuditSnapshot;
  /** Extra facts for transitions (e.g. `{ outcome: 'approve' }`), merged into the diff. */
  extra?: AuditDiff;
  /** Defaults to the signed-in user of the current request. */
  actorId?: string | null;
}

/**
 * Writes audit rows through the caller's EntityManager, i.e. inside the same transaction as the
 * change they describe: either both are committed or neither is.
 */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    const context = RequestContext.current();
    const diff = { ...auditDiff(entry.before, entry.after), ...(entry.extra ?? {}) };
    await manager.insert(AuditLog, {
      actorId: entry.actorId !== undefined ? entry.actorId : (context?.userId ?? null),
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      diff: JSON.stringify(diff),
      requestId: context?.requestId ?? null,
    });
  }
}
