import { cacheKey } from '@app/cache';

import type { WorkflowResDto } from './dto/workflow.res.dto';

/** A workflow as GET /workflows/{id} answers it; null (not found) is never cached. */
export const workflowCacheKey = (id: string) => cacheKey<WorkflowResDto | null>('workflow', id);
