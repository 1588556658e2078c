import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above this file with a package.json (works from dist/ too). */
function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = findRepoRoot(__dirname);

/** Migrations are compiled beside this library (dist/migrations) or read as .ts from source. */
export const MIGRATIONS_GLOB = join(__dirname, '..', '..', '..', 'migrations', '*-*.{ts,js}');

/** Seed data is JSON and is read from the repository, never compiled. */
export const SEEDS_DIR = join(REPO_ROOT, 'seeds');
