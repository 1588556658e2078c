import { BadRequestError } from '../errors/app-exceptions';

export type SortDirection = 'ASC' | 'DESC';
export type SortKind = 'string' | 'number' | 'date' | 'id';

/** A field clients may sort by: the entity property behind it and how its values compare. */
export interface SortableField {
  property: string;
  kind: SortKind;
}

export interface SortSpec {
  field: string;
  property: string;
  kind: SortKind;
  direction: SortDirection;
}

export const SORT_PATTERN = /^-?[a-z_]{1,64}$/;

/** `sort=name` ascending, `sort=-created_at` descending; unknown fields → 400 listing the allowed ones. */
export function parseSort(
  raw: string | undefined,
  allowed: Record<string, SortableField>,
  fallback: string,
): SortSpec {
  const value = raw === undefined || raw === '' ? fallback : raw;
  const descending = value.startsWith('-');
  const field = descending ? value.slice(1) : value;
  const sortable = Object.prototype.hasOwnProperty.call(allowed, field)
    ? allowed[field]
    : undefined;
  if (!SORT_PATTERN.test(value) || !sortable) {
    throw new BadRequestError('Validation failed', {
      details: [
        {
          field: 'sort',
          message: `sort must be one of ${Object.keys(allowed)
            .map((f) => `${f}, -${f}`)
            .join(', ')}`,
          constraints: ['isSortField'],
        },
      ],
    });
  }
  return {
    field,
    property: sortable.property,
    kind: sortable.kind,
    direction: descending ? 'DESC' : 'ASC',
  };
}

export function sortKey(spec: SortSpec): string {
  return `${spec.direction === 'DESC' ? '-' : ''}${spec.field}`;
}
