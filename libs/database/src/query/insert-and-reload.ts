import { InsertResult, ObjectLiteral, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** The BIGINT id of the row an insert created, as a string (SQLite returns a number, mssql a string). */
export function insertedId(result: InsertResult): string {
  return String((result.identifiers[0] as { id: string | number }).id);
}

/** Inserts one row and reads it back as the database stored it (id, defaults, timestamps). */
export async function insertAndReload<T extends ObjectLiteral & { id: string }>(
  repository: Repository<T>,
  values: QueryDeepPartialEntity<T>,
): Promise<T> {
  const id = insertedId(await repository.insert(values));
  return repository.findOneByOrFail({ id } as Parameters<Repository<T>['findOneByOrFail']>[0]);
}
