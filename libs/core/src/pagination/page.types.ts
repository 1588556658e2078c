export interface OffsetPage<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
}

export interface CursorPage<T> {
  items: T[];
  page_size: number;
  next_cursor: string | null;
}

export type Page<T> = OffsetPage<T> | CursorPage<T>;

export function offsetPage<T>(
  items: T[],
  total: number,
  page: number,
  pageSize: number,
): OffsetPage<T> {
  return { items, total, page, page_size: pageSize, total_pages: Math.ceil(total / pageSize) };
}

export function mapPage<A, B>(page: Page<A>, fn: (item: A) => B): Page<B> {
  return { ...page, items: page.items.map(fn) };
}
