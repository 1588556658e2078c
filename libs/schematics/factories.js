'use strict';
/**
 * What collection.json points the Nest CLI at. The factories are TypeScript (src/, linted and
 * type-checked with the rest of the repo) compiled to dist/ by `npm run build:schematics`; the CLI
 * loads collections with require, so it needs that JavaScript. This loader builds dist/ first when
 * it is missing or older than src/ (a fresh clone, an edited factory), then hands over.
 */
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const SRC = join(__dirname, 'src');
const ENTRY = join(__dirname, 'dist', 'feature', 'index.js');

/** Newest modification time of the compiled sources (templates and schemas are read at run time). */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'files') newest = Math.max(newest, newestSource(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

if (!existsSync(ENTRY) || statSync(ENTRY).mtimeMs < newestSource(SRC)) {
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(__dirname, 'tsconfig.json')], {
    stdio: 'inherit',
  });
}

module.exports = require(ENTRY);
