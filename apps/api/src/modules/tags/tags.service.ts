import { Injectable } from '@nestjs/common';

import { AppCache } from '@app/cache';
import {
  ConflictError,
  ErrorCode,
  NotFoundError,
  Page,
  mapPage,
  parseSort,
  toPageRequest,
} from '@app/core';
import { onUniqueViolation, TransactionRunner } from '@app/database';

import { CreateTagReqDto } from './dto/create-tag.req.dto';
import { ListTagsQueryDto, TAG_DEFAULT_SORT, TAG_SORT_FIELDS } from './dto/list-tags.query.dto';
import { TagResDto } from './dto/tag.res.dto';
import { UpdateTagReqDto } from './dto/update-tag.req.dto';
import { tagCacheKey } from './tags.cache';
import { TagsRepository } from './tags.repository';

/** Tag logic and transactions (the standard's controllers.py layer). */
@Injectable()
export class TagsService {
  constructor(
    private readonly tags: TagsRepository,
    private readonly transactions: TransactionRunner,
    private readonly cache: AppCache,
  ) {}

  async list(query: ListTagsQueryDto): Promise<Page<TagResDto>> {
    const sort = parseSort(query.sort, TAG_SORT_FIELDS, TAG_DEFAULT_SORT);
    const page = await this.tags.list({ q: query.q }, sort, toPageRequest(query));
    return mapPage(page, (tag) => TagResDto.from(tag));
  }

  /** Reference data: served from the cache; the repository's writes invalidate it. */
  async get(id: string): Promise<TagResDto> {
    const tag = await this.cache.getOrLoad(tagCacheKey(id), async () => {
      const found = await this.tags.findById(id);
      return found ? TagResDto.from(found) : null;
    });
    if (!tag) throw NotFoundError.of('Tag', id);
    return tag;
  }

  async create(dto: CreateTagReqDto): Promise<TagResDto> {
    const tag = await this.uniqueName(dto.name, () =>
      this.transactions.run((manager) =>
        this.tags.insert({ name: dto.name, colour: dto.colour.toLowerCase() }, manager),
      ),
    );
    return TagResDto.from(tag);
  }

  async update(id: string, dto: UpdateTagReqDto): Promise<TagResDto> {
    const tag = await this.uniqueName(dto.name, () =>
      this.transactions.run(async (manager) => {
        if (!(await this.tags.findById(id, manager))) throw NotFoundError.of('Tag', id);
        return this.tags.update(
          id,
          {
            ...(dto.name !== undefined ? { name: dto.name } : {}),
            ...(dto.colour !== undefined ? { colour: dto.colour.toLowerCase() } : {}),
          },
          manager,
        );
      }),
    );
    return TagResDto.from(tag);
  }

  async remove(id: string): Promise<void> {
    const deleted = await this.transactions.run((manager) => this.tags.delete(id, manager));
    if (!deleted) throw NotFoundError.of('Tag', id);
  }

  /** The unique index decides (no racy pre-check); its violation becomes a clear 409. */
  private uniqueName<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
    return onUniqueViolation(
      write,
      (cause) =>
        new ConflictError(`A tag named "${name}" already exists`, {
          code: ErrorCode.DUPLICATE,
          cause,
        }),
    );
  }
}
