import {
  Column,
  ColumnOptions,
  CreateDateColumn,
  PrimaryColumn,
  UpdateDateColumn,
  Generated,
} from 'typeorm';

import { COLUMN_TYPES, entityDialect, NOW_SQL } from '../dialect';
import { bigintString } from './bigint-string.transformer';

const types = () => COLUMN_TYPES[entityDialect()];
const now = () => NOW_SQL[entityDialect()];

/** BIGINT identity primary key, exposed as a decimal string. */
export function IdColumn(): PropertyDecorator {
  return (target, key) => {
    PrimaryColumn({ type: types().id, transformer: bigintString })(target, key);
    Generated('increment')(target, key);
  };
}

/**
 * A BIGINT column holding another row's id. When the migration gives it a foreign key, declare the
 * key on the entity too, as a relation on the same column with the migration's onDelete:
 * `@ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'author_id' }) author?: User`.
 * Without it `migration:generate` sees a constraint no entity declares and drops it. (Both sides
 * leave the constraint's name to the naming strategy; see foreignKey() in migration-columns.ts.)
 */
export function ForeignIdColumn(
  options: Omit<ColumnOptions, 'type' | 'transformer'> = {},
): PropertyDecorator {
  return Column({ ...options, type: types().id, transformer: bigintString });
}

/** NVARCHAR(length | max): Unicode text on SQL Server (standard §2.1). */
export function TextColumn(
  length: number | 'max',
  options: Omit<ColumnOptions, 'type' | 'length'> = {},
): PropertyDecorator {
  // SQLite has no NVARCHAR(MAX) (and ignores lengths): unbounded text simply has no length there.
  const sized = length === 'max' && entityDialect() === 'sqlite' ? {} : { length };
  return Column({ ...options, type: types().text, ...sized });
}

export function BoolColumn(options: Omit<ColumnOptions, 'type'> = {}): PropertyDecorator {
  return Column({ ...options, type: types().bool });
}

/** datetime2 on SQL Server; written as UTC. */
export function DateTimeColumn(options: Omit<ColumnOptions, 'type'> = {}): PropertyDecorator {
  return Column({ ...options, type: types().datetime });
}

export function CreatedAtColumn(): PropertyDecorator {
  return CreateDateColumn({ name: 'created_at', type: types().datetime, default: () => now() });
}

export function UpdatedAtColumn(): PropertyDecorator {
  return UpdateDateColumn({ name: 'updated_at', type: types().datetime, default: () => now() });
}

/**
 * A CHECK expression `"column" IN ('a', 'b')` for `@Check(name, …)`, spelled as the migrations
 * spell it. `migration:generate` compares CHECK constraints by name only, so the migrations test
 * compares the expressions: build them from the same constants the code validates against.
 */
export function inList(column: string, values: readonly string[]): string {
  return `"${column}" IN (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`;
}
