import { join } from 'node:path';

import { normalize, virtualFs } from '@angular-devkit/core';
import { HostTree, Rule, SchematicsException, Tree } from '@angular-devkit/schematics';

import { SchematicInputError } from './errors';
import { FeatureOptions, FeaturePlan, Formatter, planFeature, ProjectReader } from './plan';

export type { FeatureOptions } from './plan';

/**
 * Prettier with the project's own configuration (resolved for each file, from the directory the
 * CLI runs in: the project root). Loaded on first use: it is an ES module underneath.
 */
const prettierFormatter: Formatter = async (path, content) => {
  const prettier = await import('prettier');
  const file = join(process.cwd(), path);
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(content, { ...config, filepath: file });
};

function readerOf(tree: Tree): ProjectReader {
  return {
    read: (path) => tree.read(path)?.toString('utf8'),
    list: (dir) => tree.getDir(dir).subfiles.map(String),
  };
}

/**
 * The result as a fresh tree of `create` actions (plus an `overwrite` of the app module), instead
 * of edits to the input tree. The workflow's sinks then apply the CLI's own rules to every file:
 * one that exists is refused ("already exists", nothing written) unless `--force`, and
 * `--dry-run` only lists the actions.
 */
function outputTree(tree: Tree, plan: FeaturePlan): Tree {
  const memory = new virtualFs.SimpleMemoryHost();
  const sync = new virtualFs.SyncDelegateHost(memory);
  for (const update of plan.updates) {
    const current = tree.read(update.path);
    if (current)
      sync.write(
        normalize(`/${update.path}`),
        virtualFs.stringToFileBuffer(current.toString('utf8')),
      );
  }
  const out = new HostTree(memory);
  for (const update of plan.updates) out.overwrite(update.path, update.content);
  for (const file of plan.files) out.create(file.path, file.content);
  return out;
}

/** `nest g feature <name> --fields "…" [--owner]`: see docs/extending.md. */
export function feature(options: FeatureOptions): Rule {
  return async (tree, context) => {
    let plan: FeaturePlan;
    try {
      plan = await planFeature(options, readerOf(tree), { format: prettierFormatter });
    } catch (error) {
      if (error instanceof SchematicInputError) throw new SchematicsException(error.message);
      throw error;
    }
    const { n, owner, fields } = plan.model;
    context.logger.info(
      `Feature ${n.plural}: ${n.Singular} with ${fields.map((f) => `${f.name} (${f.type}${f.unique ? ', unique' : ''}${f.optional ? ', optional' : ''})`).join(', ')}${owner ? '; rows owned by their creator' : ''}.`,
    );
    context.logger.info(
      `Next: npm run migration:run; npx jest ${n.plural}.service; npm run test:e2e -- test/${n.plural}.e2e-spec.ts`,
    );
    return outputTree(tree, plan);
  };
}
