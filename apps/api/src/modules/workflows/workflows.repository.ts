import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';

import { AppCache } from '@app/cache';
import { CursorCodec, Page, PageRequest, SortSpec } from '@app/core';
import { insertAndReload, likeContains, paginate, touch } from '@app/database';

import { ReviewRequest } from '../review-requests/entities/review-request.entity';
import { WorkflowStep } from './entities/workflow-step.entity';
import { Workflow } from './entities/workflow.entity';
import { workflowCacheKey } from './workflows.cache';

export interface WorkflowFilter {
  active?: boolean;
  q?: string;
}

export type WorkflowValues = Pick<Workflow, 'name' | 'description' | 'isActive'>;
export type StepValues = Pick<
  WorkflowStep,
  'name' | 'position' | 'requiredApprovals' | 'reviewerRole'
>;

/** Database access for workflows and their steps. */
@Injectable()
export class WorkflowsRepository {
  constructor(
    @InjectRepository(Workflow) private readonly workflows: Repository<Workflow>,
    @InjectRepository(WorkflowStep) private readonly steps: Repository<WorkflowStep>,
    private readonly cursors: CursorCodec,
    private readonly cache: AppCache,
  ) {}

  findById(id: string, manager?: EntityManager): Promise<Workflow | null> {
    return (manager?.getRepository(Workflow) ?? this.workflows).findOneBy({ id });
  }

  /** One workflow with its steps (ordered by position) in one query. */
  findWithSteps(id: string): Promise<Workflow | null> {
    return this.workflows
      .createQueryBuilder('workflow')
      .leftJoinAndSelect('workflow.steps', 'step')
      .where('workflow.id = :id', { id })
      .orderBy('step.position', 'ASC')
      .getOne();
  }

  findByIds(ids: string[]): Promise<Workflow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.workflows.findBy({ id: In(ids) });
  }

  /** Steps of many workflows in one query, ordered by position. */
  findSteps(workflowIds: string[], manager?: EntityManager): Promise<WorkflowStep[]> {
    if (workflowIds.length === 0) return Promise.resolve([]);
    return (manager?.getRepository(WorkflowStep) ?? this.steps).find({
      where: { workflowId: In(workflowIds) },
      order: { workflowId: 'ASC', position: 'ASC' },
    });
  }

  list(filter: WorkflowFilter, sort: SortSpec, page: PageRequest): Promise<Page<Workflow>> {
    const qb = this.workflows.createQueryBuilder('workflow');
    if (filter.active !== undefined)
      qb.andWhere('workflow.isActive = :active', { active: filter.active });
    if (filter.q)
      qb.andWhere("LOWER(workflow.name) LIKE :q ESCAPE '\\'", { q: likeContains(filter.q) });
    return paginate(qb, sort, page, this.cursors);
  }

  async insert(values: WorkflowValues, manager: EntityManager): Promise<Workflow> {
    return insertAndReload(manager.getRepository(Workflow), values);
  }

  async update(
    id: string,
    values: Partial<WorkflowValues>,
    manager: EntityManager,
  ): Promise<Workflow> {
    await manager.getRepository(Workflow).update({ id }, touch(values));
    this.cache.invalidateAfterCommit(manager, workflowCacheKey(id));
    return manager.getRepository(Workflow).findOneByOrFail({ id });
  }

  async replaceSteps(
    workflowId: string,
    steps: StepValues[],
    manager: EntityManager,
  ): Promise<WorkflowStep[]> {
    await manager.getRepository(WorkflowStep).delete({ workflowId });
    this.cache.invalidateAfterCommit(manager, workflowCacheKey(workflowId));
    await manager.getRepository(WorkflowStep).insert(steps.map((s) => ({ ...s, workflowId })));
    return this.findSteps([workflowId], manager);
  }

  async delete(id: string, manager: EntityManager): Promise<boolean> {
    const result = await manager.getRepository(Workflow).delete({ id });
    this.cache.invalidateAfterCommit(manager, workflowCacheKey(id));
    return (result.affected ?? 0) > 0;
  }

  /** Whether any review request uses the workflow (steps and deletion are then frozen). */
  async isInUse(workflowId: string, manager: EntityManager): Promise<boolean> {
    return manager.getRepository(ReviewRequest).exists({ where: { workflowId } });
  }
}
