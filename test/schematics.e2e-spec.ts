import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

import { describeResult, REPO_ROOT, scriptEnv, ScriptResult } from './support/run-script';
import { explainGeneratedMigration } from './support/schema-diff';
import { checkTsql, parseMigrationSqlOutput, TsqlCheckResult } from './support/tsql-checks';

/**
 * `nest g feature` end to end, on a temporary copy of the project (its sources without
 * node_modules, dist, data and .git; node_modules symlinked, so the Nest CLI there is the one
 * patches/@nestjs+cli+11.0.24.patch patched on install): build the collection, generate two
 * features through `nest g feature`, then lint, format-check, type-check, migrate, seed and run
 * the generated unit and e2e tests there. Any failing step fails the test with that step's output.
 *
 * Two features cover every branch of the templates: `invoices` (admin-written, the issue's fields)
 * and `PurchaseOrder` (a two-word name in PascalCase, --owner, every field type, optional fields).
 */

const SLOW = 240_000;
const INVOICE_FIELDS = 'number:string:unique,amount:decimal,due_on:date';
const ORDER_FIELDS =
  'code:string(40):unique,notes:text:optional,quantity:int,approved:bool,ordered_at:datetime,delivered_on:date:optional,unit_price:decimal:optional';
const FEATURES = ['invoices', 'purchase-orders'];
/** What `invoices` generates (the migration's timestamp made neutral). */
const INVOICE_FILES = [
  'apps/api/src/modules/invoices/dto/create-invoice.req.dto.ts',
  'apps/api/src/modules/invoices/dto/invoice.res.dto.ts',
  'apps/api/src/modules/invoices/dto/list-invoices.query.dto.ts',
  'apps/api/src/modules/invoices/dto/update-invoice.req.dto.ts',
  'apps/api/src/modules/invoices/entities/invoice.entity.ts',
  'apps/api/src/modules/invoices/invoices.controller.ts',
  'apps/api/src/modules/invoices/invoices.exception.ts',
  'apps/api/src/modules/invoices/invoices.module.ts',
  'apps/api/src/modules/invoices/invoices.repository.ts',
  'apps/api/src/modules/invoices/invoices.service.spec.ts',
  'apps/api/src/modules/invoices/invoices.service.ts',
  'migrations/<ts>-create-invoices.ts',
  expect.stringMatching(/^seeds\/\d{3}-invoices\.json$/),
  'test/invoices.e2e-spec.ts',
];
const TABLES = /\b(invoices|purchase_orders)\b/;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Runs a command in `cwd` (its own process group, killed on timeout); never rejects. */
function run(
  cwd: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<ScriptResult> {
  const started = Date.now();
  const childEnv = scriptEnv(env);
  delete childEnv.JEST_WORKER_ID;
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: childEnv, stdio: 'pipe', detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end();
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: stdout.replace(ANSI, ''),
        stderr: stderr.replace(ANSI, ''),
        ms: Date.now() - started,
      });
    });
  });
}

function expectSuccess(name: string, result: ScriptResult): void {
  if (result.code !== 0) throw new Error(describeResult(name, result));
}

/** Paths the schematics CLI reports as created, with the migration timestamp made neutral. */
function createdPaths(result: ScriptResult): string[] {
  return [...result.stdout.matchAll(/^CREATE (\S+) \(\d+ bytes\)$/gm)]
    .map((m) => m[1].replace(/^migrations\/\d+-/, 'migrations/<ts>-'))
    .sort();
}

const SKIP = new Set(['node_modules', 'dist', 'data', '.git', 'coverage', 'test-output']);

/** Every file of the copy (node_modules and build output aside) with a hash of its content. */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        files.set(
          relative(root, path).split(sep).join('/'),
          createHash('sha1').update(readFileSync(path)).digest('hex'),
        );
      }
    }
  };
  walk(root);
  return files;
}

function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).sort();
}

/** Spectral on the generated operations and schemas only (the rest of the document is not ours). */
const OPENAPI_LINT_SPEC = `
import { Document, Spectral } from '@stoplight/spectral-core';
import type { RulesetDefinition } from '@stoplight/spectral-core';
import { Json } from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';

import { buildOpenApiDocument } from '../apps/api/src/bootstrap/swagger';
import { createTestApp } from './support/test-app';

const PATHS = ['/api/v1/invoices', '/api/v1/purchase-orders'];
const SCHEMA = /(Invoice|PurchaseOrder)/;

it('the generated operations and schemas pass spectral:oas without errors or warnings', async () => {
  const t = await createTestApp({ DB_SEED_ON_START: 'false' });
  try {
    const doc = buildOpenApiDocument(t.app);
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[oas as RulesetDefinition, 'recommended']] });
    const results = await spectral.run(new Document(JSON.stringify(doc, null, 2), Json, '/docs-json'));
    const ours = results.filter(
      (r) =>
        r.severity <= 1 &&
        ((r.path[0] === 'paths' && PATHS.some((p) => String(r.path[1]).startsWith(p))) ||
          (r.path[0] === 'components' && SCHEMA.test(String(r.path[2])))),
    );
    expect(ours.map((r) => \`\${r.code} at \${r.path.join('.')}: \${r.message}\`)).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([...PATHS, ...PATHS.map((p) => p + '/{id}')]));
  } finally {
    await t.close();
  }
});
`;

describe('nest g feature (e2e, on a temporary copy of the project)', () => {
  let dir: string;
  let dbDir: string;
  const cli = (args: string[], env: Record<string, string> = {}) =>
    run(dir, 'npm', ['run', '--silent', 'generate:feature', '--', ...args], env);
  /** `npx nest …` in the copy; an unpatched Nest CLI is named as such instead of failing later. */
  const nest = async (args: string[]) => {
    const result = await run(dir, 'npx', ['nest', ...args]);
    if (/unknown option '--/.test(result.stderr)) {
      throw new Error(
        `${describeResult(`nest ${args.join(' ')}`, result)}\n@nestjs/cli is not patched: ` +
          'patches/@nestjs+cli+11.0.24.patch is applied by `npm install` (postinstall: patch-package), ' +
          'or run `npx patch-package`; see docs/decisions/030-own-schematics-collection.md',
      );
    }
    return result;
  };
  const read = (path: string) => readFileSync(join(dir, path), 'utf8');
  const generated = (feature: string) =>
    [...snapshot(dir).keys()].filter(
      (p) =>
        p.startsWith(`apps/api/src/modules/${feature}/`) ||
        new RegExp(
          `^(migrations/\\d+-create-${feature}\\.ts|seeds/\\d+-${feature}\\.json|test/${feature}\\.e2e-spec\\.ts)$`,
        ).test(p),
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quorum-schematics-'));
    dbDir = mkdtempSync(join(tmpdir(), 'quorum-schematics-db-'));
    cpSync(REPO_ROOT, dir, {
      recursive: true,
      filter: (src) => {
        const rel = relative(REPO_ROOT, src).split(sep);
        return !SKIP.has(rel[0]) && rel.join('/') !== 'libs/schematics/dist';
      },
    });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    expectSuccess('npm run build:schematics', await run(dir, 'npm', ['run', 'build:schematics']));
  }, SLOW);

  afterAll(() => {
    for (const path of [dir, dbDir]) if (path) rmSync(path, { recursive: true, force: true });
  });

  describe('nest g with our collection in nest-cli.json (Nest CLI patched, decision 030)', () => {
    it("runs the issue's command dry (no project prompt, nothing written), fails when the schematic fails, and keeps the stock generators", async () => {
      const before = snapshot(dir);
      const [help, feature, failing, controller] = await Promise.all([
        nest(['generate', '--help']),
        nest(['g', 'feature', 'invoices', '--fields', INVOICE_FIELDS, '--owner', '--dry-run']),
        nest(['g', 'feat', 'widgets', '--fields=size:huge', '--dry-run']),
        nest(['g', 'controller', 'gadgets', '-p', 'api', '--dry-run']),
      ]);
      expectSuccess('nest generate --help', help);
      expect(help.stdout).toMatch(/feature\s.*feat/);
      expect(help.stdout).toMatch(/controller\s.*co/);
      expectSuccess('nest g feature invoices --fields … --owner --dry-run', feature);
      expect(createdPaths(feature)).toEqual(INVOICE_FILES);
      expect(feature.stdout).toContain('UPDATE apps/api/src/app.module.ts');
      expect(feature.stdout).toContain(
        'Feature invoices: Invoice with number (string, unique), amount (decimal), due_on (date); rows owned by their creator.',
      );
      expect(failing.code).not.toBe(0);
      expect(`${failing.stdout}${failing.stderr}`).toContain('"size:huge": unknown type "huge"');
      expectSuccess('nest g controller gadgets --dry-run', controller);
      expect(controller.stdout).toContain('CREATE apps/api/src/gadgets/gadgets.controller.ts');
      expect(changedFiles(before, snapshot(dir))).toEqual([]);
    });
  });

  describe('npm run generate:feature (the schematics CLI)', () => {
    it('names every file alike from invoice, invoices, Invoice and INVOICE (--dry-run writes nothing)', async () => {
      const before = snapshot(dir);
      const runs = await Promise.all(
        ['invoice', 'invoices', 'Invoice', 'INVOICE'].map((name) =>
          cli([name, '--fields', INVOICE_FIELDS, '--dry-run']),
        ),
      );
      runs.forEach((r, i) => expectSuccess(`dry run ${i}`, r));
      for (const r of runs) expect(createdPaths(r)).toEqual(INVOICE_FILES);
      expect(changedFiles(before, snapshot(dir))).toEqual([]);
    });
  });

  describe('nest g feature', () => {
    it('generates both features and registers each module once', async () => {
      expectSuccess(
        'nest g feature invoices',
        await nest(['g', 'feature', 'invoices', '--fields', INVOICE_FIELDS]),
      );
      expectSuccess(
        'nest g feature PurchaseOrder --owner -p api',
        await nest([
          'g',
          'feature',
          'PurchaseOrder',
          `--fields=${ORDER_FIELDS}`,
          '--owner',
          '-p',
          'api',
        ]),
      );
      const appModule = read('apps/api/src/app.module.ts');
      for (const [className, path] of [
        ['InvoicesModule', './modules/invoices/invoices.module'],
        ['PurchaseOrdersModule', './modules/purchase-orders/purchase-orders.module'],
      ]) {
        expect(appModule).toContain(`import { ${className} } from '${path}';`);
        expect(appModule.split(className).length - 1).toBe(2);
      }
      const entity = read('apps/api/src/modules/purchase-orders/entities/purchase-order.entity.ts');
      expect(entity).toContain("@Entity({ name: 'purchase_orders' })");
      expect(entity).toContain('export class PurchaseOrder extends AppBaseEntity');
      expect(entity).toContain('export const PURCHASE_ORDER_CODE_MAX = 40;');
      expect(entity).toContain('ownerId');
      expect(read('apps/api/src/modules/invoices/entities/invoice.entity.ts')).not.toContain(
        'ownerId',
      );
      expect(read('apps/api/src/modules/purchase-orders/purchase-orders.controller.ts')).toContain(
        "@Controller({ path: 'purchase-orders', version: '1' })",
      );
      expect(generated('invoices')).toHaveLength(14);
      expect(generated('purchase-orders')).toHaveLength(14);
    });

    it('refuses to overwrite existing files without --force (exit code 1), and writes nothing', async () => {
      const before = snapshot(dir);
      const again = await nest(['g', 'feature', 'invoices', '--fields', INVOICE_FIELDS]);
      expect(again.code).toBe(1);
      expect(`${again.stdout}${again.stderr}`).toMatch(
        /apps\/api\/src\/modules\/invoices\/invoices\.module\.ts already exists/,
      );
      expect(changedFiles(before, snapshot(dir))).toEqual([]);
    });

    it('overwrites them with --force, reusing the migration and seed names', async () => {
      const controller = 'apps/api/src/modules/invoices/invoices.controller.ts';
      const original = read(controller);
      appendFileSync(join(dir, controller), '// a hand edit\n');
      const before = snapshot(dir);
      expectSuccess(
        'nest g feature invoices --force',
        await nest(['g', 'feature', 'invoices', '--fields', INVOICE_FIELDS, '--force']),
      );
      expect(read(controller)).toBe(original);
      expect(changedFiles(before, snapshot(dir))).toEqual([controller]);
      expect(read('apps/api/src/app.module.ts').split('InvoicesModule').length - 1).toBe(2);
    });
  });

  describe('the generated code', () => {
    let lint: ScriptResult;
    let format: ScriptResult;
    let types: ScriptResult;
    let unit: ScriptResult;
    let e2e: ScriptResult;
    let migrate: { run: ScriptResult; seed1: ScriptResult; seed2: ScriptResult };
    let check: ScriptResult;
    let sql: ScriptResult;
    /** The files type-checked and linted: the generated TypeScript and the app module. */
    let checked: string[];
    const sqlite = () => join(dbDir, 'generated.sqlite');

    /** migration:run, seed twice, then compare the entities with the migrated file (in order). */
    async function migrateAndSeed() {
      const env = { DB_SQLITE_PATH: sqlite() };
      const migration = await run(dir, 'npm', ['run', '--silent', 'migration:run'], env);
      const seed1 = await run(dir, 'npm', ['run', '--silent', 'seed'], env);
      const seed2 = await run(dir, 'npm', ['run', '--silent', 'seed'], env);
      // --check compares only (exit 1 and the migration it would write when they differ).
      check = await run(
        dir,
        'npm',
        ['run', '--silent', 'migration:generate', '--', '--check', join(dbDir, 'check')],
        env,
      );
      migrate = { run: migration, seed1, seed2 };
    }

    beforeAll(async () => {
      const files = [...generated('invoices'), ...generated('purchase-orders')];
      const code = files.filter((f) => f.endsWith('.ts'));
      checked = [...code, 'apps/api/src/app.module.ts'];
      writeFileSync(
        join(dir, 'tsconfig.generated.json'),
        JSON.stringify({
          extends: './tsconfig.json',
          compilerOptions: { noEmit: true },
          include: checked,
        }),
      );
      mkdirSync(join(dir, 'test'), { recursive: true });
      writeFileSync(join(dir, 'test', 'generated-openapi.e2e-spec.ts'), OPENAPI_LINT_SPEC);
      const started = Date.now();
      // Independent steps side by side; each keeps its own output for the tests below.
      [lint, format, types, unit, e2e, sql] = await Promise.all([
        run(dir, 'npx', ['eslint', ...checked], {}, SLOW),
        run(dir, 'npx', ['prettier', '--check', ...files, 'apps/api/src/app.module.ts']),
        run(dir, 'npx', ['tsc', '-p', 'tsconfig.generated.json'], {}, SLOW),
        run(
          dir,
          'npx',
          ['jest', '--config', 'jest.config.js', '--ci', ...FEATURES.map((f) => `modules/${f}/`)],
          {},
          SLOW,
        ),
        run(
          dir,
          'npx',
          [
            'jest',
            '--config',
            'test/jest-e2e.config.js',
            '--ci',
            '--maxWorkers=2',
            ...FEATURES.map((f) => `test/${f}.e2e-spec.ts`),
            'test/generated-openapi.e2e-spec.ts',
          ],
          {},
          SLOW,
        ),
        run(dir, 'npm', ['run', '--silent', 'migration:sql'], { DB_SCHEMA: 'qa' }),
        migrateAndSeed(),
      ]);
      const timings = { lint, format, types, unit, e2e, sql, ...migrate, check };
      console.log(
        `generated-code checks: ${Date.now() - started} ms in all; ` +
          Object.entries(timings)
            .map(([name, r]) => `${name} ${r.ms} ms`)
            .join(', '),
      );
    }, SLOW);

    it('passes ESLint and Prettier with the repo configs', () => {
      expectSuccess('eslint', lint);
      expectSuccess('prettier --check', format);
    });

    it('type-checks with the repo tsconfig', () => {
      // Judged on the generated files and the app module; errors elsewhere in the tree (work in
      // progress of others) are `npm run typecheck`'s business, and are only printed here.
      const errors = [...types.stdout.matchAll(/^(\S+?)\(\d+,\d+\): error .*$/gm)];
      const ours = errors.filter((m) => checked.includes(m[1])).map((m) => m[0]);
      if (errors.length > ours.length) {
        console.warn(`tsc: ${errors.length - ours.length} error(s) outside the generated files`);
      }
      if (types.code !== 0 && errors.length === 0) expectSuccess('tsc', types);
      expect(ours).toEqual([]);
    });

    it('migrates a fresh SQLite file and seeds it, idempotently', () => {
      expectSuccess('migration:run', migrate.run);
      expect(migrate.run.stdout).toMatch(/Applied CreateInvoices\d+/);
      expect(migrate.run.stdout).toMatch(/Applied CreatePurchaseOrders\d+/);
      expectSuccess('seed', migrate.seed1);
      expectSuccess('seed (again)', migrate.seed2);
      expect(migrate.seed1.stdout).toMatch(/\d{3}-invoices\.json: 2 inserted, 0 already present/);
      expect(migrate.seed1.stdout).toMatch(
        /\d{3}-purchase-orders\.json: 2 inserted, 0 already present/,
      );
      expect(migrate.seed2.stdout).toMatch(/\d{3}-invoices\.json: 0 inserted, 2 already present/);
      expect(migrate.seed2.stdout).toMatch(
        /\d{3}-purchase-orders\.json: 0 inserted, 2 already present/,
      );
    });

    it('leaves no difference between the generated entities and migrations', () => {
      const differences =
        check.code === 0
          ? []
          : explainGeneratedMigration(check.stdout, sqlite()).filter((line) => TABLES.test(line));
      expect(differences).toEqual([]);
    });

    it('prints T-SQL for SQL Server that follows the standard', () => {
      expectSuccess('migration:sql', sql);
      const result: TsqlCheckResult = checkTsql(parseMigrationSqlOutput(sql.stdout), {
        schema: 'qa',
      });
      expect(result.violations.filter((v) => TABLES.test(v))).toEqual([]);
      const table = (name: string) => {
        const found = result.tables.find((t) => t.name === name);
        return Object.fromEntries((found?.columns ?? []).map((c) => [c.name, c.definition]));
      };
      expect(table('invoices')).toMatchObject({
        id: expect.stringMatching(/^bigint NOT NULL IDENTITY\(1,1\)/),
        number: 'nvarchar(255) NOT NULL',
        amount: 'decimal(18,2) NOT NULL',
        due_on: 'date NOT NULL',
      });
      expect(table('purchase_orders')).toMatchObject({
        code: 'nvarchar(40) NOT NULL',
        notes: 'nvarchar(max)',
        quantity: 'int NOT NULL',
        ordered_at: 'datetime2 NOT NULL',
        owner_id: 'bigint NOT NULL',
      });
      expect(
        result.foreignKeys
          .filter((fk) => fk.table === 'purchase_orders')
          .map((fk) => [fk.columns, fk.referencedTable, fk.onDelete]),
      ).toEqual([[['owner_id'], 'users', 'CASCADE']]);
      expect(
        result.indexes
          .filter((i) => TABLES.test(i.table) && i.unique)
          .map((i) => i.name)
          .sort(),
      ).toEqual(['uq_invoices_number', 'uq_purchase_orders_owner_id_code']);
    });

    it('passes its own unit tests', () => {
      expectSuccess('jest (unit)', unit);
      expect(`${unit.stdout}${unit.stderr}`).toMatch(/Test Suites: 2 passed, 2 total/);
    });

    it('passes its own e2e tests and the OpenAPI lint', () => {
      expectSuccess('jest (e2e)', e2e);
      expect(`${e2e.stdout}${e2e.stderr}`).toMatch(/Test Suites: 3 passed, 3 total/);
    });
  });
});
