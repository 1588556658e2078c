import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

import { template } from '@angular-devkit/core';

import { registerModule } from './app-module';
import { SchematicInputError } from './errors';
import { FIELDS_HELP, parseFields } from './fields';
import { buildModel, FeatureModel, literal } from './model';
import { featureNames } from './names';

/** The options of `nest g feature` (schema.json). */
export interface FeatureOptions {
  name: string;
  fields?: string;
  owner?: boolean;
  /** Leave the app module alone (`nest g … --skip-import`). */
  skipImport?: boolean;
  /** Passed by `nest g`: the project's source root; features belong to the API app. */
  sourceRoot?: string;
  /** Passed by `nest g` and ignored: the feature always has its specs and its own folder. */
  language?: string;
  spec?: boolean;
  flat?: boolean;
  specFileSuffix?: string;
  project?: string;
  path?: string;
}

/** Read access to the project as it is now (the schematic's tree, or the disk in unit tests). */
export interface ProjectReader {
  read(path: string): string | undefined;
  list(dir: string): string[];
}

export interface PlannedFile {
  path: string;
  content: string;
}

export interface FeaturePlan {
  model: FeatureModel;
  /** New files (refused by the CLI when they exist, unless --force). */
  files: PlannedFile[];
  /** Changed files: the app module. */
  updates: PlannedFile[];
}

export const API_SOURCE_ROOT = 'apps/api/src';
export const DEFAULT_FIELDS = 'name:string:unique';
const USER_ENTITY = `${API_SOURCE_ROOT}/modules/users/entities/user.entity.ts`;
const APP_MODULE = `${API_SOURCE_ROOT}/app.module.ts`;
const TEMPLATES = join(__dirname, '..', '..', 'src', 'feature', 'files');

/** Where each template folder lands. */
function destinations(model: FeatureModel): Record<string, string> {
  return {
    module: `${API_SOURCE_ROOT}/modules/${model.n.plural}`,
    migration: 'migrations',
    seed: 'seeds',
    test: 'test',
  };
}

function templateFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? templateFiles(join(dir, entry.name), posix.join(prefix, entry.name))
      : [posix.join(prefix, entry.name)],
  );
}

/**
 * Drops the line break after a line that holds only a `<% … %>` statement, so control flow leaves
 * no blank lines behind (prettier keeps single blank lines as written).
 */
function compactControlLines(content: string): string {
  return content.replace(/^[ \t]*(<%[^=#-][^\n]*?%>)[ \t]*\r?\n/gm, '$1');
}

/** The migration's timestamp: kept from an earlier run of the generator, else now (after the newest). */
function migrationTimestamp(reader: ProjectReader, plural: string, now: number): number {
  const files = reader.list('migrations');
  const existing = files
    .map((f) => new RegExp(`^(\\d+)-create-${plural}\\.ts$`).exec(f))
    .find((m) => m !== null);
  if (existing) return Number(existing[1]);
  const newest = Math.max(0, ...files.map((f) => Number(/^(\d+)-/.exec(f)?.[1] ?? 0)));
  return Math.max(now, newest + 1);
}

/** The seed file's name: kept from an earlier run, else the next ten after the highest prefix. */
function seedFileName(reader: ProjectReader, plural: string): string {
  const files = reader.list('seeds');
  const existing = files.find((f) => new RegExp(`^\\d+-${plural}\\.json$`).test(f));
  if (existing) return existing;
  const highest = Math.max(0, ...files.map((f) => Number(/^(\d+)-/.exec(f)?.[1] ?? 0)));
  return `${String((Math.floor(highest / 10) + 1) * 10).padStart(3, '0')}-${plural}.json`;
}

/** Formats a file's content the way the project's Prettier configuration wants it. */
export type Formatter = (path: string, content: string) => Promise<string>;

/**
 * Everything `nest g feature` writes, as paths relative to the project root and their contents
 * (passed through `format`). Throws SchematicInputError for bad input.
 */
export async function planFeature(
  options: FeatureOptions,
  reader: ProjectReader,
  { format, now = Date.now() }: { format: Formatter; now?: number },
): Promise<FeaturePlan> {
  if (
    options.sourceRoot &&
    posix.normalize(options.sourceRoot).replace(/\/$/, '') !== API_SOURCE_ROOT
  ) {
    throw new SchematicInputError(
      `features belong to the API app (${API_SOURCE_ROOT}), not ${options.sourceRoot}; run with -p api`,
    );
  }
  const names = featureNames(options.name ?? '');
  const fields = parseFields(options.fields?.trim() ? options.fields : DEFAULT_FIELDS);
  const owner = options.owner === true;
  if (owner && reader.read(USER_ENTITY) === undefined) {
    throw new SchematicInputError(`--owner needs the users feature (${USER_ENTITY})`);
  }
  const model = buildModel({
    names,
    fields,
    owner,
    migrationTimestamp: migrationTimestamp(reader, names.plural, now),
    seedFile: seedFileName(reader, names.plural),
  });

  const context = { ...model, lit: literal };
  const tokens: Record<string, string> = {
    __plural__: names.plural,
    __singular__: names.singular,
    __migration__: model.migration.file,
    __seed__: model.seedFile,
  };
  const where = destinations(model);
  const files: PlannedFile[] = [];
  for (const file of templateFiles(TEMPLATES)) {
    const [folder, ...rest] = file.split('/');
    const target = rest
      .join('/')
      .replace(/__[a-z]+__/g, (token) => tokens[token] ?? token)
      .replace(/\.template$/, '');
    const path = posix.join(where[folder], target);
    const source = compactControlLines(readFileSync(join(TEMPLATES, file), 'utf8'));
    let rendered: string;
    try {
      rendered = template<typeof context>(source, { sourceURL: file })(context);
    } catch (error) {
      throw new Error(`template ${file} failed: ${(error as Error).message}`, { cause: error });
    }
    files.push({ path, content: await format(path, rendered) });
  }

  const updates: PlannedFile[] = [];
  if (!options.skipImport) {
    const appModule = reader.read(APP_MODULE);
    if (appModule === undefined) throw new SchematicInputError(`${APP_MODULE} is missing`);
    const registered = registerModule(appModule, APP_MODULE, {
      className: `${names.Plural}Module`,
      importPath: `./${relative(API_SOURCE_ROOT, where.module).split('\\').join('/')}/${names.plural}.module`,
    });
    if (registered !== undefined) {
      updates.push({ path: APP_MODULE, content: await format(APP_MODULE, registered) });
    }
  }
  return { model, files, updates };
}

export { FIELDS_HELP };
