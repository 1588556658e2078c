import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';

import { AppCache } from '@app/cache';
import { CursorCodec, Page, PageRequest, SortSpec } from '@app/core';
import { insertAndReload, likeContains, paginate, touch } from '@app/database';

import { REVIEW_REQUEST_COUNTS } from '../review-requests/review-requests.cache';
import { Tag } from './entities/tag.entity';
import { tagCacheKey } from './tags.cache';

export interface TagFilter {
  q?: string;
}

/**
 * Database access for tags (the standard's repository.py). Each write also drops the tag's cache
 * entry once its transaction commits.
 */
@Injectable()
export class TagsRepository {
  constructor(
    @InjectRepository(Tag) private readonly tags: Repository<Tag>,
    private readonly cursors: CursorCodec,
    private readonly cache: AppCache,
  ) {}

  findById(id: string, manager?: EntityManager): Promise<Tag | null> {
    return this.repo(manager).findOneBy({ id });
  }

  list(filter: TagFilter, sort: SortSpec, page: PageRequest): Promise<Page<Tag>> {
    const qb = this.tags.createQueryBuilder('tag');
    if (filter.q) qb.andWhere("LOWER(tag.name) LIKE :q ESCAPE '\\'", { q: likeContains(filter.q) });
    return paginate(qb, sort, page, this.cursors);
  }

  async insert(values: Pick<Tag, 'name' | 'colour'>, manager: EntityManager): Promise<Tag> {
    return insertAndReload(this.repo(manager), values);
  }

  async update(
    id: string,
    values: Partial<Pick<Tag, 'name' | 'colour'>>,
    manager: EntityManager,
  ): Promise<Tag> {
    if (Object.keys(values).length > 0) await this.repo(manager).update({ id }, touch(values));
    // Review-request totals filtered by tag name count through this row.
    this.cache.invalidateAfterCommit(manager, tagCacheKey(id), REVIEW_REQUEST_COUNTS);
    return this.repo(manager).findOneByOrFail({ id });
  }

  async delete(id: string, manager: EntityManager): Promise<boolean> {
    const result = await this.repo(manager).delete({ id });
    // Review-request totals filtered by tag name count through this row.
    this.cache.invalidateAfterCommit(manager, tagCacheKey(id), REVIEW_REQUEST_COUNTS);
    return (result.affected ?? 0) > 0;
  }

  private repo(manager?: EntityManager): Repository<Tag> {
    return manager ? manager.getRepository(Tag) : this.tags;
  }
}
