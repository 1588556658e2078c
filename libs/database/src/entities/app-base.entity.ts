import { CreatedAtColumn, IdColumn, UpdatedAtColumn } from './columns';

/**
 * Every table's common columns (standard §2.1): BIGINT identity id, created_at/updated_at in
 * UTC set by the database (SYSUTCDATETIME() on SQL Server).
 */
export abstract class AppBaseEntity {
  @IdColumn()
  id: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
