import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { MigrationInterface } from 'typeorm';

import { MIGRATIONS_GLOB } from '../paths';

type MigrationClass = new () => MigrationInterface;

/** Instantiates every migration in `migrations/`, oldest first (their timestamp prefix). */
export function loadMigrations(dir: string = dirname(MIGRATIONS_GLOB)): MigrationInterface[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d+-.+\.(ts|js)$/.test(f) && !f.endsWith('.d.ts') && !f.includes('.spec.'))
    .sort();
  return files.flatMap((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(join(dir, basename(file))) as Record<string, unknown>;
    return Object.values(exports)
      .filter((value): value is MigrationClass => typeof value === 'function')
      .map((Migration) => new Migration());
  });
}
