import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { AppCache } from '@app/cache';
import {
  ConflictError,
  ErrorCode,
  MaybePromise,
  NotFoundError,
  Page,
  parseSort,
  thenMaybe,
  toPageRequest,
} from '@app/core';
import { onUniqueViolation, TransactionRunner } from '@app/database';
import { AuditService } from '@app/observability';

import { CreateWorkflowReqDto } from './dto/create-workflow.req.dto';
import {
  ListWorkflowsQueryDto,
  WORKFLOW_DEFAULT_SORT,
  WORKFLOW_SORT_FIELDS,
} from './dto/list-workflows.query.dto';
import { UpdateWorkflowReqDto } from './dto/update-workflow.req.dto';
import { WorkflowStepReqDto } from './dto/workflow-step.req.dto';
import { WorkflowResDto } from './dto/workflow.res.dto';
import { WorkflowStep } from './entities/workflow-step.entity';
import { Workflow } from './entities/workflow.entity';
import { workflowCacheKey } from './workflows.cache';
import { StepValues, WorkflowsRepository } from './workflows.repository';

const AUDIT_ENTITY = 'workflow';

function toStepValues(steps: WorkflowStepReqDto[]): StepValues[] {
  return steps.map((s, i) => ({
    name: s.name,
    position: i + 1,
    requiredApprovals: s.required_approvals,
    reviewerRole: s.reviewer_role,
  }));
}

/** What the audit trail keeps of a workflow: its fields and its steps. */
function snapshot(workflow: Workflow, steps: WorkflowStep[]): Record<string, unknown> {
  const dto = WorkflowResDto.from(workflow, steps);
  return {
    name: dto.name,
    description: dto.description,
    is_active: dto.is_active,
    steps: dto.steps.map(({ name, position, required_approvals, reviewer_role }) => ({
      name,
      position,
      required_approvals,
      reviewer_role,
    })),
  };
}

@Injectable()
export class WorkflowsService {
  constructor(
    private readonly workflows: WorkflowsRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly cache: AppCache,
  ) {}

  async list(query: ListWorkflowsQueryDto): Promise<Page<WorkflowResDto>> {
    const sort = parseSort(query.sort, WORKFLOW_SORT_FIELDS, WORKFLOW_DEFAULT_SORT);
    const page = await this.workflows.list(
      { active: query.active, q: query.q },
      sort,
      toPageRequest(query),
    );
    const steps = await this.workflows.findSteps(page.items.map((w) => w.id));
    return {
      ...page,
      items: page.items.map((w) =>
        WorkflowResDto.from(
          w,
          steps.filter((s) => s.workflowId === w.id),
        ),
      ),
    };
  }

  /**
   * Reference data: served from the cache (synchronously when the in-process tier has it, see
   * MaybePromise); the repository's writes invalidate it.
   */
  get(id: string): MaybePromise<WorkflowResDto> {
    const workflow = this.cache.peekOrLoad(workflowCacheKey(id), async () => {
      const found = await this.workflows.findWithSteps(id);
      return found ? WorkflowResDto.from(found, found.steps ?? []) : null;
    });
    return thenMaybe(workflow, (found) => {
      if (!found) throw NotFoundError.of('Workflow', id);
      return found;
    });
  }

  /**
   * Several workflows by id, from the cache; the ones it lacks in two queries (rows, then steps),
   * however many there are. Ids that do not exist are absent from the map.
   */
  async getMany(ids: string[]): Promise<Map<string, WorkflowResDto>> {
    const keys = ids.map((id) => workflowCacheKey(id));
    const idOf = new Map(keys.map((key, i) => [key.name, ids[i]]));
    const found = await this.cache.getManyOrLoad(keys, async (missing) => {
      const missingIds = missing.map((key) => idOf.get(key.name) as string);
      const [rows, steps] = await Promise.all([
        this.workflows.findByIds(missingIds),
        this.workflows.findSteps(missingIds),
      ]);
      return new Map(
        rows.map((w) => [
          workflowCacheKey(String(w.id)).name,
          WorkflowResDto.from(
            w,
            steps.filter((s) => s.workflowId === w.id),
          ),
        ]),
      );
    });
    const byId = new Map<string, WorkflowResDto>();
    for (const workflow of found.values()) if (workflow) byId.set(workflow.id, workflow);
    return byId;
  }

  /** The workflow and all its steps in one transaction: a failure anywhere leaves nothing behind. */
  async create(dto: CreateWorkflowReqDto): Promise<WorkflowResDto> {
    return this.uniqueName(dto.name, () =>
      this.transactions.run(async (manager) => {
        const workflow = await this.workflows.insert(
          { name: dto.name, description: dto.description ?? null, isActive: dto.is_active ?? true },
          manager,
        );
        const steps = await this.workflows.replaceSteps(
          workflow.id,
          toStepValues(dto.steps),
          manager,
        );
        await this.audit.record(manager, {
          action: 'create',
          entity: AUDIT_ENTITY,
          entityId: workflow.id,
          after: snapshot(workflow, steps),
        });
        return WorkflowResDto.from(workflow, steps);
      }),
    );
  }

  async update(id: string, dto: UpdateWorkflowReqDto): Promise<WorkflowResDto> {
    return this.uniqueName(dto.name, () =>
      this.transactions.run(async (manager) => {
        const before = await this.load(id, manager);
        const workflow = await this.workflows.update(
          id,
          {
            ...(dto.name !== undefined ? { name: dto.name } : {}),
            ...(dto.description !== undefined ? { description: dto.description } : {}),
            ...(dto.is_active !== undefined ? { isActive: dto.is_active } : {}),
          },
          manager,
        );
        let steps = before.steps;
        if (dto.steps) {
          if (await this.workflows.isInUse(id, manager)) {
            throw new ConflictError(
              'Steps cannot change while review requests use this workflow; create a new one',
              {
                code: 'WORKFLOW_IN_USE',
              },
            );
          }
          steps = await this.workflows.replaceSteps(id, toStepValues(dto.steps), manager);
        }
        await this.audit.record(manager, {
          action: 'update',
          entity: AUDIT_ENTITY,
          entityId: id,
          before: snapshot(before.workflow, before.steps),
          after: snapshot(workflow, steps),
        });
        return WorkflowResDto.from(workflow, steps);
      }),
    );
  }

  /** Deleting would cascade to the requests of the workflow; while any exist, deactivate it instead. */
  async remove(id: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const before = await this.load(id, manager);
      if (await this.workflows.isInUse(id, manager)) {
        throw new ConflictError(
          'Review requests use this workflow; set is_active=false instead of deleting it',
          {
            code: 'WORKFLOW_IN_USE',
          },
        );
      }
      await this.workflows.delete(id, manager);
      await this.audit.record(manager, {
        action: 'delete',
        entity: AUDIT_ENTITY,
        entityId: id,
        before: snapshot(before.workflow, before.steps),
      });
    });
  }

  private async load(
    id: string,
    manager: EntityManager,
  ): Promise<{ workflow: Workflow; steps: WorkflowStep[] }> {
    const workflow = await this.workflows.findById(id, manager);
    if (!workflow) throw NotFoundError.of('Workflow', id);
    return { workflow, steps: await this.workflows.findSteps([id], manager) };
  }

  /** The unique index decides (no racy pre-check); its violation becomes a clear 409. */
  private uniqueName<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
    return onUniqueViolation(
      write,
      (cause) =>
        new ConflictError(`A workflow named "${name}" already exists`, {
          code: ErrorCode.DUPLICATE,
          cause,
        }),
    );
  }
}
