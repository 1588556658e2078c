import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';

import { AppCache } from '@app/cache';
import { CursorCodec, Page, PageRequest, SortSpec } from '@app/core';
import {
  getManyPlain,
  getRawManyReusingSql,
  insertAndReload,
  likeContains,
  paginate,
  touch,
} from '@app/database';

import { Tag } from '../tags/entities/tag.entity';
import { Comment } from './entities/comment.entity';
import { Decision } from './entities/decision.entity';
import { ListedReviewRequest, ReviewRequest } from './entities/review-request.entity';
import {
  newCountsGeneration,
  REVIEW_REQUEST_COUNTS,
  reviewRequestCountKey,
} from './review-requests.cache';
import type { Actor } from './review-request-rules';

/** The join table of requests and their tags (see ReviewRequest.tags). */
const REVIEW_REQUEST_TAGS = 'review_request_tags';

export interface ReviewRequestFilter {
  status?: string;
  workflowId?: string;
  authorId?: string;
  tag?: string;
  q?: string;
  createdFrom?: Date;
  createdTo?: Date;
  awaitingMe?: boolean;
}

export type ReviewRequestValues = Pick<
  ReviewRequest,
  'workflowId' | 'authorId' | 'title' | 'body' | 'status'
>;
export type ReviewRequestChanges = Partial<
  Pick<
    ReviewRequest,
    'title' | 'body' | 'status' | 'currentStepPosition' | 'round' | 'submittedAt' | 'closedAt'
  >
>;

/** Database access for review requests, their tags, decisions and comments. */
@Injectable()
export class ReviewRequestsRepository {
  /** The columns lists select (see listedColumns), computed on first use. */
  private listed?: string[];

  constructor(
    @InjectRepository(ReviewRequest) private readonly requests: Repository<ReviewRequest>,
    @InjectRepository(Decision) private readonly decisions: Repository<Decision>,
    @InjectRepository(Comment) private readonly comments: Repository<Comment>,
    private readonly cursors: CursorCodec,
    private readonly cache: AppCache,
  ) {}

  findById(id: string, manager?: EntityManager): Promise<ReviewRequest | null> {
    return (manager?.getRepository(ReviewRequest) ?? this.requests).findOneBy({ id });
  }

  /**
   * Tags of many requests, keyed by request id, each list by name: the links in one query and,
   * when there are any, their tags in a second, both without joins (an empty page of links — most
   * lists — costs one small query; hydrating through the join was most of its cost).
   */
  async tagsByRequest(requestIds: string[], manager?: EntityManager): Promise<Map<string, Tag[]>> {
    const byRequest = new Map<string, Tag[]>(requestIds.map((id) => [id, []]));
    if (requestIds.length === 0) return byRequest;
    const entities = manager ?? this.requests.manager;
    const links: { request_id: string | number; tag_id: string | number }[] =
      await getRawManyReusingSql(
        entities
          .createQueryBuilder()
          .select('rrt.review_request_id', 'request_id')
          .addSelect('rrt.tag_id', 'tag_id')
          .from(REVIEW_REQUEST_TAGS, 'rrt')
          .where('rrt.review_request_id IN (:...ids)', { ids: requestIds }),
      );
    if (links.length === 0) return byRequest;
    const requestsOfTag = new Map<string, string[]>();
    for (const link of links) {
      const tagId = String(link.tag_id);
      const requests = requestsOfTag.get(tagId) ?? [];
      requests.push(String(link.request_id));
      requestsOfTag.set(tagId, requests);
    }
    const tags = await getManyPlain(
      entities
        .getRepository(Tag)
        .createQueryBuilder('tag')
        .where('tag.id IN (:...ids)', { ids: [...requestsOfTag.keys()] })
        .orderBy('tag.name', 'ASC'),
    );
    for (const tag of tags) {
      for (const requestId of requestsOfTag.get(String(tag.id)) ?? []) {
        byRequest.get(requestId)?.push(tag);
      }
    }
    return byRequest;
  }

  async existingTagIds(tagIds: string[], manager: EntityManager): Promise<string[]> {
    if (tagIds.length === 0) return [];
    const tags = await manager
      .getRepository(Tag)
      .find({ select: { id: true }, where: { id: In(tagIds) } });
    return tags.map((t) => String(t.id));
  }

  async replaceTags(requestId: string, tagIds: string[], manager: EntityManager): Promise<void> {
    this.cache.invalidateAfterCommit(manager, REVIEW_REQUEST_COUNTS);
    const relation = manager.createQueryBuilder().relation(ReviewRequest, 'tags').of(requestId);
    const current = await this.tagsByRequest([requestId], manager);
    const currentIds = (current.get(requestId) ?? []).map((t) => String(t.id));
    await relation.addAndRemove(
      tagIds.filter((id) => !currentIds.includes(id)),
      currentIds.filter((id) => !tagIds.includes(id)),
    );
  }

  list(
    filter: ReviewRequestFilter,
    actor: Actor,
    sort: SortSpec,
    page: PageRequest,
  ): Promise<Page<ListedReviewRequest>> {
    const qb = this.requests.createQueryBuilder('rr').select(this.listedColumns());
    this.applyVisibility(qb, actor);
    if (filter.status) qb.andWhere('rr.status = :status', { status: filter.status });
    if (filter.workflowId)
      qb.andWhere('rr.workflowId = :workflowId', { workflowId: filter.workflowId });
    if (filter.authorId) qb.andWhere('rr.authorId = :authorId', { authorId: filter.authorId });
    if (filter.q) qb.andWhere("LOWER(rr.title) LIKE :q ESCAPE '\\'", { q: likeContains(filter.q) });
    if (filter.createdFrom)
      qb.andWhere('rr.createdAt >= :createdFrom', { createdFrom: filter.createdFrom });
    if (filter.createdTo) qb.andWhere('rr.createdAt < :createdTo', { createdTo: filter.createdTo });
    if (filter.tag) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM ${REVIEW_REQUEST_TAGS} rrt INNER JOIN tags t ON t.id = rrt.tag_id
                 WHERE rrt.review_request_id = rr.id AND t.name = :tagName)`,
        { tagName: filter.tag },
      );
    }
    if (filter.awaitingMe) this.applyAwaiting(qb, actor);
    // What selects the rows: the filter, and who looks (drafts and "awaiting me" depend on it).
    const selection = { filter, viewer: actor.role === 'admin' ? 'admin' : actor };
    return paginate(qb, sort, page, this.cursors, {
      count: async (compute) => {
        const generation = await this.cache.getOrLoad(REVIEW_REQUEST_COUNTS, newCountsGeneration);
        return this.cache.getOrLoad(reviewRequestCountKey(generation, selection), compute);
      },
    });
  }

  /** The selection of {@link ListedReviewRequest}, read once from the entity's metadata. */
  private listedColumns(): string[] {
    this.listed ??= this.requests.metadata.columns
      .filter((column) => column.propertyName !== 'body')
      .map((column) => `rr.${column.propertyName}`);
    return this.listed;
  }

  /** Drafts are private to their author; admins see everything. */
  private applyVisibility(qb: SelectQueryBuilder<ReviewRequest>, actor: Actor): void {
    if (actor.role === 'admin') return;
    qb.andWhere(
      new Brackets((w) =>
        w.where("rr.status <> 'draft'").orWhere('rr.authorId = :viewerId', { viewerId: actor.id }),
      ),
    );
  }

  /** In review, not mine, at a step my role decides, and I have not decided on it in this round. */
  private applyAwaiting(qb: SelectQueryBuilder<ReviewRequest>, actor: Actor): void {
    qb.andWhere("rr.status = 'in_review'").andWhere('rr.authorId <> :me', { me: actor.id });
    qb.andWhere(
      `EXISTS (SELECT 1 FROM workflow_steps ws WHERE ws.workflow_id = rr.workflow_id
               AND ws.position = rr.current_step_position ${actor.role === 'admin' ? '' : 'AND ws.reviewer_role = :myRole'}
               AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.review_request_id = rr.id
                               AND d.step_id = ws.id AND d.round = rr.round AND d.reviewer_id = :me))`,
      { myRole: actor.role, me: actor.id },
    );
  }

  async insert(values: ReviewRequestValues, manager: EntityManager): Promise<ReviewRequest> {
    this.cache.invalidateAfterCommit(manager, REVIEW_REQUEST_COUNTS);
    return insertAndReload(manager.getRepository(ReviewRequest), {
      ...values,
      round: 0,
      version: 1,
    });
  }

  /**
   * Writes the changes only if nobody else wrote since `expectedVersion` was read, and moves the
   * version on. Returns false when the row had moved on (a concurrent write won).
   */
  async updateIfVersion(
    id: string,
    expectedVersion: number,
    changes: ReviewRequestChanges,
    manager: EntityManager,
  ): Promise<boolean> {
    this.cache.invalidateAfterCommit(manager, REVIEW_REQUEST_COUNTS);
    const result = await manager
      .createQueryBuilder()
      .update(ReviewRequest)
      .set(touch({ ...changes, version: () => 'version + 1' }))
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async delete(id: string, manager: EntityManager): Promise<void> {
    this.cache.invalidateAfterCommit(manager, REVIEW_REQUEST_COUNTS);
    await manager.getRepository(ReviewRequest).delete({ id });
  }

  findDecisions(requestId: string, manager?: EntityManager): Promise<Decision[]> {
    return (manager?.getRepository(Decision) ?? this.decisions).find({
      where: { reviewRequestId: requestId },
      order: { id: 'ASC' },
    });
  }

  hasDecided(
    requestId: string,
    stepId: string,
    reviewerId: string,
    round: number,
    manager: EntityManager,
  ): Promise<boolean> {
    return manager
      .getRepository(Decision)
      .exists({ where: { reviewRequestId: requestId, stepId, reviewerId, round } });
  }

  countApprovals(
    requestId: string,
    stepId: string,
    round: number,
    manager: EntityManager,
  ): Promise<number> {
    return manager.getRepository(Decision).count({
      where: { reviewRequestId: requestId, stepId, round, outcome: 'approve' },
    });
  }

  async insertDecision(
    values: Pick<
      Decision,
      'reviewRequestId' | 'stepId' | 'reviewerId' | 'round' | 'outcome' | 'comment'
    >,
    manager: EntityManager,
  ): Promise<Decision> {
    // "Awaiting me" counts change with every decision.
    this.cache.invalidateAfterCommit(manager, REVIEW_REQUEST_COUNTS);
    return insertAndReload(manager.getRepository(Decision), values);
  }

  /** The newest comments, for the request detail (all of them are paged via listComments). */
  latestComments(requestId: string, limit: number, manager?: EntityManager): Promise<Comment[]> {
    return (manager?.getRepository(Comment) ?? this.comments).find({
      where: { reviewRequestId: requestId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  listComments(requestId: string, sort: SortSpec, page: PageRequest): Promise<Page<Comment>> {
    const qb = this.comments
      .createQueryBuilder('comment')
      .where('comment.reviewRequestId = :requestId', { requestId });
    return paginate(qb, sort, page, this.cursors);
  }

  async insertComment(
    values: Pick<Comment, 'reviewRequestId' | 'authorId' | 'body'>,
    manager: EntityManager,
  ): Promise<Comment> {
    return insertAndReload(manager.getRepository(Comment), values);
  }
}
