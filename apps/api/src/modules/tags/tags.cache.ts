import { cacheKey } from '@app/cache';

import type { TagResDto } from './dto/tag.res.dto';

/** A tag as GET /tags/{id} answers it; null (not found) is never cached. */
export const tagCacheKey = (id: string) => cacheKey<TagResDto | null>('tag', id);
