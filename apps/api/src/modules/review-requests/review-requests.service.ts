import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import type { AuthUser } from '@app/auth';
import {
  BackgroundTasks,
  BadRequestError,
  NotFoundError,
  Page,
  PageQueryDto,
  parseSort,
  toPageRequest,
} from '@app/core';
import { isUniqueViolation, TransactionRunner } from '@app/database';
import { AuditService } from '@app/observability';

import type { Tag } from '../tags/entities/tag.entity';
import type { WorkflowStep } from '../workflows/entities/workflow-step.entity';
import type { Workflow } from '../workflows/entities/workflow.entity';
import { WorkflowsRepository } from '../workflows/workflows.repository';
import { WorkflowsService } from '../workflows/workflows.service';
import { CreateReviewRequestReqDto } from './dto/create-review-request.req.dto';
import {
  ListReviewRequestsQueryDto,
  REVIEW_REQUEST_DEFAULT_SORT,
  REVIEW_REQUEST_SORT_FIELDS,
} from './dto/list-review-requests.query.dto';
import {
  CommentResDto,
  ReviewRequestDetailResDto,
  ReviewRequestResDto,
} from './dto/review-request.res.dto';
import {
  CreateCommentReqDto,
  CreateDecisionReqDto,
  SubmitReviewRequestReqDto,
} from './dto/transition.req.dto';
import { UpdateReviewRequestReqDto } from './dto/update-review-request.req.dto';
import { ReviewRequest } from './entities/review-request.entity';
import {
  Actor,
  assertCanDecide,
  assertCanEdit,
  assertVersion,
  planDecision,
  planSubmit,
  stepAt,
  Transition,
} from './review-request-rules';
import { reviewErrors } from './review-requests.errors';
import { toReviewRequestFilter } from './review-request-filter';
import { ReviewRequestsRepository } from './review-requests.repository';
import { ReviewNotificationsService } from './review-notifications.service';

const AUDIT_ENTITY = 'review_request';
const DETAIL_COMMENTS = 20;
const COMMENT_SORT = parseSort(
  'created_at',
  { created_at: { property: 'createdAt', kind: 'date' } },
  'created_at',
);

const actorOf = (user: AuthUser): Actor => ({ id: user.id, role: user.role });

/** What the audit trail keeps of a request. */
function snapshot(r: ReviewRequest, tagIds?: string[]): Record<string, unknown> {
  return {
    title: r.title,
    body: r.body,
    status: r.status,
    current_step_position: r.currentStepPosition,
    round: r.round,
    ...(tagIds ? { tag_ids: [...tagIds].sort() } : {}),
  };
}

/** Review request logic: visibility, the state machine (review-request-rules), transactions, audit. */
@Injectable()
export class ReviewRequestsService {
  constructor(
    private readonly requests: ReviewRequestsRepository,
    private readonly workflows: WorkflowsRepository,
    private readonly workflowCatalog: WorkflowsService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly notifications: ReviewNotificationsService,
  ) {}

  async list(
    query: ListReviewRequestsQueryDto,
    user: AuthUser,
  ): Promise<Page<ReviewRequestResDto>> {
    const sort = parseSort(query.sort, REVIEW_REQUEST_SORT_FIELDS, REVIEW_REQUEST_DEFAULT_SORT);
    const page = await this.requests.list(
      toReviewRequestFilter(query),
      actorOf(user),
      sort,
      toPageRequest(query),
    );
    // Whatever the page size: one query for the tags of the page; the workflows (with their
    // steps) from the cache, the ones it lacks in two more.
    const ids = page.items.map((r) => String(r.id));
    const [tags, workflows] = await Promise.all([
      this.requests.tagsByRequest(ids),
      this.workflowCatalog.getMany([...new Set(page.items.map((r) => String(r.workflowId)))]),
    ]);
    return {
      ...page,
      items: page.items.map((r) =>
        ReviewRequestResDto.from(
          r,
          tags.get(String(r.id)) ?? [],
          workflows.get(String(r.workflowId))?.steps ?? [],
        ),
      ),
    };
  }

  async get(id: string, user: AuthUser): Promise<ReviewRequestDetailResDto> {
    const request = await this.visible(id, user);
    return this.detail(request);
  }

  async create(dto: CreateReviewRequestReqDto, user: AuthUser): Promise<ReviewRequestDetailResDto> {
    const created = await this.transactions.run(async (manager) => {
      const workflow = await this.workflows.findById(dto.workflow_id, manager);
      if (!workflow)
        throw this.invalidField('workflow_id', `Workflow ${dto.workflow_id} does not exist`);
      if (!workflow.isActive) throw reviewErrors.workflowInactive();
      const tagIds = await this.checkTags(dto.tag_ids ?? [], manager);
      const request = await this.requests.insert(
        {
          workflowId: workflow.id,
          authorId: user.id,
          title: dto.title,
          body: dto.body,
          status: 'draft',
        },
        manager,
      );
      await this.requests.replaceTags(request.id, tagIds, manager);
      await this.audit.record(manager, {
        action: 'create',
        entity: AUDIT_ENTITY,
        entityId: request.id,
        after: snapshot(request, tagIds),
      });
      return request;
    });
    return this.detail(created);
  }

  async update(
    id: string,
    dto: UpdateReviewRequestReqDto,
    user: AuthUser,
  ): Promise<ReviewRequestDetailResDto> {
    const updated = await this.transactions.run(async (manager) => {
      const before = await this.visible(id, user, manager);
      assertCanEdit(before, actorOf(user));
      assertVersion(dto.version, before.version);
      const beforeTags = (await this.requests.tagsByRequest([id], manager)).get(id) ?? [];
      const tagIds = dto.tag_ids
        ? await this.checkTags(dto.tag_ids, manager)
        : beforeTags.map((t) => String(t.id));
      const written = await this.requests.updateIfVersion(
        id,
        before.version,
        {
          ...(dto.title !== undefined ? { title: dto.title } : {}),
          ...(dto.body !== undefined ? { body: dto.body } : {}),
        },
        manager,
      );
      if (!written) throw reviewErrors.concurrentChange();
      if (dto.tag_ids) await this.requests.replaceTags(id, tagIds, manager);
      const after = await this.mustFind(id, manager);
      await this.audit.record(manager, {
        action: 'update',
        entity: AUDIT_ENTITY,
        entityId: id,
        before: snapshot(
          before,
          beforeTags.map((t) => String(t.id)),
        ),
        after: snapshot(after, tagIds),
      });
      return after;
    });
    return this.detail(updated);
  }

  /** Authors delete their own drafts; admins may delete any request. */
  async remove(id: string, user: AuthUser): Promise<void> {
    await this.transactions.run(async (manager) => {
      const request = await this.visible(id, user, manager);
      if (user.role !== 'admin') {
        if (request.authorId !== user.id) throw reviewErrors.notAuthor();
        if (request.status !== 'draft')
          throw reviewErrors.invalidTransition(request.status, 'deleted by its author');
      }
      await this.requests.delete(id, manager);
      await this.audit.record(manager, {
        action: 'delete',
        entity: AUDIT_ENTITY,
        entityId: id,
        before: snapshot(request),
      });
    });
  }

  async submit(
    id: string,
    dto: SubmitReviewRequestReqDto,
    user: AuthUser,
    tasks: BackgroundTasks,
  ): Promise<ReviewRequestDetailResDto> {
    const { request, transition, steps } = await this.transactions.run(async (manager) => {
      const before = await this.visible(id, user, manager);
      assertVersion(dto.version, before.version);
      const { workflow, steps } = await this.workflowOf(before, manager);
      const transition = planSubmit(before, steps, actorOf(user), workflow.isActive);
      const request = await this.applyTransition(before, transition, manager);
      await this.recordTransition(manager, before, request, 'submit');
      return { request, transition, steps };
    });
    this.notify(tasks, request, transition, steps);
    return this.detail(request);
  }

  /**
   * A reviewer's decision. The decision row and the request's new state commit together, and the
   * request row is updated only at the version read: of two concurrent decisions one commits and
   * the other gets 409 (never a request that counted one approval twice or lost one).
   */
  async decide(
    id: string,
    dto: CreateDecisionReqDto,
    user: AuthUser,
    tasks: BackgroundTasks,
  ): Promise<ReviewRequestDetailResDto> {
    const actor = actorOf(user);
    const { request, transition, steps } = await this.transactions.run(async (manager) => {
      const before = await this.visible(id, user, manager);
      assertVersion(dto.version, before.version);
      const { steps } = await this.workflowOf(before, manager);
      const current = stepAt(steps, before.currentStepPosition);
      const decided = current
        ? await this.requests.hasDecided(id, current.id, actor.id, before.round, manager)
        : false;
      const step = assertCanDecide(before, current, actor, decided);
      try {
        await this.requests.insertDecision(
          {
            reviewRequestId: id,
            stepId: step.id,
            reviewerId: actor.id,
            round: before.round,
            outcome: dto.outcome,
            comment: dto.comment ?? null,
          },
          manager,
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw reviewErrors.alreadyDecided();
        throw error;
      }
      const approvals = await this.requests.countApprovals(id, step.id, before.round, manager);
      const transition = planDecision(before, steps, step, dto.outcome, approvals);
      const request = await this.applyTransition(before, transition, manager);
      await this.recordTransition(manager, before, request, 'decision', {
        outcome: { after: dto.outcome },
        step: { after: steps.find((s) => s.id === step.id)?.name ?? step.position },
      });
      return { request, transition, steps };
    });
    this.notify(tasks, request, transition, steps);
    return this.detail(request);
  }

  async listComments(
    id: string,
    query: PageQueryDto,
    user: AuthUser,
  ): Promise<Page<CommentResDto>> {
    await this.visible(id, user);
    const page = await this.requests.listComments(id, COMMENT_SORT, toPageRequest(query));
    return { ...page, items: page.items.map((c) => CommentResDto.from(c)) };
  }

  /** The author, admins, and users whose role decides a step of the workflow may comment. */
  async addComment(id: string, dto: CreateCommentReqDto, user: AuthUser): Promise<CommentResDto> {
    const comment = await this.transactions.run(async (manager) => {
      const request = await this.visible(id, user, manager);
      if (request.authorId !== user.id && user.role !== 'admin') {
        const { steps } = await this.workflowOf(request, manager);
        if (!steps.some((s) => s.reviewerRole === user.role)) {
          throw reviewErrors.notAuthor();
        }
      }
      return this.requests.insertComment(
        { reviewRequestId: id, authorId: user.id, body: dto.body },
        manager,
      );
    });
    return CommentResDto.from(comment);
  }

  // ---- helpers ----

  /** A request the user may see; others' drafts are as absent as missing ids (404). */
  private async visible(
    id: string,
    user: AuthUser,
    manager?: EntityManager,
  ): Promise<ReviewRequest> {
    const request = await this.requests.findById(id, manager);
    if (
      !request ||
      (request.status === 'draft' && request.authorId !== user.id && user.role !== 'admin')
    ) {
      throw reviewErrors.notFound(id);
    }
    return request;
  }

  private async mustFind(id: string, manager: EntityManager): Promise<ReviewRequest> {
    const request = await this.requests.findById(id, manager);
    if (!request) throw reviewErrors.notFound(id);
    return request;
  }

  private async workflowOf(
    request: ReviewRequest,
    manager: EntityManager,
  ): Promise<{ workflow: Workflow; steps: WorkflowStep[] }> {
    const workflow = await this.workflows.findById(request.workflowId, manager);
    if (!workflow) throw NotFoundError.of('Workflow', request.workflowId);
    return { workflow, steps: await this.workflows.findSteps([workflow.id], manager) };
  }

  /** Writes a transition at the version read (bumping it even when the state stays the same). */
  private async applyTransition(
    before: ReviewRequest,
    t: Transition,
    manager: EntityManager,
  ): Promise<ReviewRequest> {
    const now = new Date();
    const written = await this.requests.updateIfVersion(
      before.id,
      before.version,
      {
        status: t.status,
        currentStepPosition: t.currentStepPosition,
        round: t.round,
        ...(t.submitted ? { submittedAt: now, closedAt: null } : {}),
        ...(t.closed ? { closedAt: now } : {}),
      },
      manager,
    );
    if (!written) throw reviewErrors.concurrentChange();
    return this.mustFind(before.id, manager);
  }

  private async recordTransition(
    manager: EntityManager,
    before: ReviewRequest,
    after: ReviewRequest,
    kind: string,
    extra: Record<string, { before?: unknown; after?: unknown }> = {},
  ): Promise<void> {
    await this.audit.record(manager, {
      action: 'transition',
      entity: AUDIT_ENTITY,
      entityId: before.id,
      before: {
        status: before.status,
        current_step_position: before.currentStepPosition,
        round: before.round,
      },
      after: {
        status: after.status,
        current_step_position: after.currentStepPosition,
        round: after.round,
      },
      extra: { transition: { after: kind }, ...extra },
    });
  }

  private notify(
    tasks: BackgroundTasks,
    request: ReviewRequest,
    t: Transition,
    steps: WorkflowStep[],
  ): void {
    const entered = t.enteredStep ? steps.find((s) => s.id === t.enteredStep?.id) : undefined;
    if (entered) this.notifications.stepEntered(tasks, request, entered);
    if (t.closed) this.notifications.closed(tasks, request);
  }

  private async checkTags(tagIds: string[], manager: EntityManager): Promise<string[]> {
    const existing = await this.requests.existingTagIds(tagIds, manager);
    const missing = tagIds.filter((id) => !existing.includes(id));
    if (missing.length > 0)
      throw this.invalidField('tag_ids', `Tags do not exist: ${missing.join(', ')}`);
    return tagIds;
  }

  private invalidField(field: string, message: string): BadRequestError {
    return new BadRequestError('Validation failed', { details: [{ field, message }] });
  }

  /** Bounded queries whatever the size of the request: 6 in all. */
  private async detail(request: ReviewRequest): Promise<ReviewRequestDetailResDto> {
    const id = String(request.id);
    const [tags, workflow, steps, decisions, comments] = await Promise.all([
      this.requests.tagsByRequest([id]).then((m): Tag[] => m.get(id) ?? []),
      this.workflows.findById(request.workflowId),
      this.workflows.findSteps([request.workflowId]),
      this.requests.findDecisions(id),
      this.requests.latestComments(id, DETAIL_COMMENTS),
    ]);
    if (!workflow) throw NotFoundError.of('Workflow', request.workflowId);
    return ReviewRequestDetailResDto.detail(
      request,
      tags,
      workflow,
      steps,
      decisions,
      comments.reverse(),
    );
  }
}
