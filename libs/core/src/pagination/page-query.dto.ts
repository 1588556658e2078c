import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

import {
  DEFAULT_PAGE,
  DEFAULT_PAGE_SIZE,
  MAX_CURSOR_LENGTH,
  MAX_PAGE_SIZE,
} from './pagination.constants';
import { queryInt } from '../validation/query-transforms';

/**
 * One pagination contract for every list (standard §3.5): offset mode with `page`, or cursor
 * mode when `cursor` is present (an empty `cursor=` asks for the first page).
 */
export class PageQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    default: DEFAULT_PAGE,
    description: 'Offset mode: 1-based page number.',
  })
  @IsOptional()
  @Transform(queryInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  page?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
    description: `Items per page (at most ${MAX_PAGE_SIZE}).`,
  })
  @IsOptional()
  @Transform(queryInt)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  page_size?: number;

  @ApiPropertyOptional({
    description:
      'Cursor mode: the `next_cursor` of the previous page; empty for the first page. Cost does not grow with depth.',
    example: '',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CURSOR_LENGTH)
  cursor?: string;
}

export type PageRequest =
  | { mode: 'offset'; page: number; pageSize: number }
  | { mode: 'cursor'; cursor: string | null; pageSize: number };

export function toPageRequest(query: PageQueryDto): PageRequest {
  const pageSize = query.page_size ?? DEFAULT_PAGE_SIZE;
  if (query.cursor !== undefined) {
    return { mode: 'cursor', cursor: query.cursor === '' ? null : query.cursor, pageSize };
  }
  return { mode: 'offset', page: query.page ?? DEFAULT_PAGE, pageSize };
}
