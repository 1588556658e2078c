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

/** A BIGINT column holding another row's id (the FK constraint itself lives in the migration). */
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
