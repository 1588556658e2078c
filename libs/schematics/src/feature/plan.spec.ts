import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { format } from 'prettier/standalone';
import * as babel from 'prettier/plugins/babel';
import * as estree from 'prettier/plugins/estree';
import * as typescript from 'prettier/plugins/typescript';

import { SchematicInputError } from './errors';
import { FeaturePlan, Formatter, planFeature, ProjectReader } from './plan';

const ROOT = join(__dirname, '..', '..', '..', '..');
const NOW = 1_800_000_000_000;

/**
 * The project's .prettierrc through Prettier's standalone build (the CLI uses the full one; Jest
 * cannot load its ES-module core without --experimental-vm-modules).
 */
const options = JSON.parse(readFileSync(join(ROOT, '.prettierrc'), 'utf8')) as object;
const formatted = new Map<string, Promise<string>>();
const prettier: Formatter = (path, content) => {
  const key = `${path}\0${content}`;
  if (!formatted.has(key)) {
    formatted.set(
      key,
      format(content, {
        ...options,
        parser: path.endsWith('.json') ? 'json' : 'typescript',
        plugins: [babel, estree, typescript],
      }),
    );
  }
  return formatted.get(key) as Promise<string>;
};

/** The repository as it is on disk, with some files replaced (`null` hides one). */
function project(overrides: Record<string, string | null> = {}): ProjectReader {
  return {
    read: (path) => {
      if (path in overrides) return overrides[path] ?? undefined;
      const file = join(ROOT, path);
      return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    },
    list: (dir) => {
      const onDisk = existsSync(join(ROOT, dir)) ? readdirSync(join(ROOT, dir)) : [];
      const extra = Object.keys(overrides)
        .filter((p) => p.startsWith(`${dir}/`) && overrides[p] !== null)
        .map((p) => p.slice(dir.length + 1));
      return [...new Set([...onDisk, ...extra])].filter(
        (name) => overrides[`${dir}/${name}`] !== null,
      );
    },
  };
}

const plan = (feature: Parameters<typeof planFeature>[0], reader = project()) =>
  planFeature(feature, reader, { now: NOW, format: prettier });
const paths = (p: FeaturePlan) => p.files.map((f) => f.path).sort();
const file = (p: FeaturePlan, suffix: string) =>
  p.files.find((f) => f.path.endsWith(suffix))?.content ?? '';

describe('planFeature', () => {
  let invoices: FeaturePlan;
  beforeAll(async () => {
    invoices = await plan({
      name: 'invoices',
      fields: 'number:string:unique,amount:decimal,due_on:date',
    });
  });

  it('lays the feature out in house style', () => {
    const seed = invoices.model.seedFile;
    expect(seed).toMatch(/^\d{3}-invoices\.json$/);
    expect(paths(invoices)).toEqual(
      [
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
        `migrations/${NOW}-create-invoices.ts`,
        `seeds/${seed}`,
        'test/invoices.e2e-spec.ts',
      ].sort(),
    );
    expect(invoices.updates.map((u) => u.path)).toEqual(['apps/api/src/app.module.ts']);
    expect(invoices.updates[0].content).toContain(
      "import { InvoicesModule } from './modules/invoices/invoices.module';",
    );
  });

  it('names things right in every file', () => {
    expect(file(invoices, 'invoice.entity.ts')).toContain(
      "@Entity({ name: 'invoices' })\n@Index('ix_invoices_created_at', ['createdAt'])\nexport class Invoice extends AppBaseEntity",
    );
    expect(file(invoices, 'invoices.controller.ts')).toContain(
      "@Controller({ path: 'invoices', version: '1' })\nexport class InvoicesController",
    );
    expect(file(invoices, 'invoices.service.ts')).toContain("const AUDIT_ENTITY = 'invoice';");
    expect(file(invoices, 'list-invoices.query.dto.ts')).toContain(
      "export const INVOICE_DEFAULT_SORT = 'number';",
    );
    expect(file(invoices, '-create-invoices.ts')).toContain(
      `export class CreateInvoices${NOW} implements MigrationInterface {\n  name = 'CreateInvoices${NOW}';`,
    );
    expect(JSON.parse(file(invoices, '-invoices.json'))).toMatchObject({
      entity: 'Invoice',
      key: ['number'],
      rows: [{ number: 'Number 1', amount: '1250.50', dueOn: '2026-12-10' }, {}],
    });
  });

  it('maps each field type to its column, migration, validation and example', () => {
    const entity = file(invoices, 'invoice.entity.ts');
    expect(entity).toContain(
      "@Index('uq_invoices_number', { unique: true })\n  @TextColumn(INVOICE_NUMBER_MAX)\n  number: string;",
    );
    expect(entity).toContain(
      "@Column({ type: 'decimal', precision: 18, scale: 2, transformer: decimalString })\n  amount: string;",
    );
    expect(entity).toContain("@Column({ type: 'date', utc: true })\n  dueOn: string;");
    const migration = file(invoices, '-create-invoices.ts');
    expect(migration).toContain("c.text('number', 255),");
    expect(migration).toContain(
      "{ name: 'amount', type: 'decimal', precision: 18, scale: 2, isNullable: false },",
    );
    expect(migration).toContain("index('invoices', ['number'], { unique: true }),");
    expect(migration).toContain("index('invoices', ['due_on']),");
    const create = file(invoices, 'create-invoice.req.dto.ts');
    expect(create).toContain('@Matches(DECIMAL_PATTERN');
    expect(create).toContain("example: '2026-12-10'");
  });

  it('gives the same feature for every case form of the name', async () => {
    for (const name of ['invoice', 'Invoice', 'INVOICE', 'Invoices']) {
      const other = await plan({ name, fields: 'number:string:unique,amount:decimal,due_on:date' });
      expect(other.files).toEqual(invoices.files);
    }
  });

  it('generates per-owner rows with --owner (FK CASCADE, per-owner unique, $ref seed)', async () => {
    const owned = await plan({
      name: 'PurchaseOrder',
      fields:
        'code:string(40):unique,notes:text:optional,quantity:int,approved:bool,ordered_at:datetime',
      owner: true,
    });
    expect(paths(owned)).toContain(
      'apps/api/src/modules/purchase-orders/purchase-orders.module.ts',
    );
    expect(paths(owned)).toContain(
      'apps/api/src/modules/purchase-orders/entities/purchase-order.entity.ts',
    );
    const entity = file(owned, 'purchase-order.entity.ts');
    expect(entity).toContain(
      "@Index('uq_purchase_orders_owner_id_code', ['ownerId', 'code'], { unique: true })",
    );
    expect(entity).toContain("@ManyToOne(() => User, { onDelete: 'CASCADE' })");
    const migration = file(owned, '-create-purchase-orders.ts');
    expect(migration).toContain("foreignKeys: [foreignKey('owner_id', 'users')],");
    expect(migration).toContain(
      "index('purchase_orders', ['owner_id', 'code'], { unique: true }),",
    );
    expect(migration).toContain("index('purchase_orders', ['owner_id']),");
    expect(JSON.parse(file(owned, '-purchase-orders.json'))).toMatchObject({
      entity: 'PurchaseOrder',
      key: ['ownerId', 'code'],
      rows: [
        { ownerId: { $ref: { entity: 'User', where: { email: 'author@quorum.local' } } } },
        {},
      ],
    });
    expect(file(owned, 'purchase-orders.controller.ts')).not.toContain("@Roles('admin')");
  });

  it('keeps the migration and seed names of an earlier run (so a re-run collides)', async () => {
    const again = await plan(
      { name: 'invoices', fields: 'number:string' },
      project({
        'migrations/1790000000000-create-invoices.ts': '// earlier',
        'seeds/090-invoices.json': '{}',
      }),
    );
    expect(paths(again)).toContain('migrations/1790000000000-create-invoices.ts');
    expect(paths(again)).toContain('seeds/090-invoices.json');
  });

  it('numbers a new seed file after the highest prefix', async () => {
    const next = await plan(
      { name: 'invoices', fields: 'number:string' },
      project({ 'seeds/123-other.json': '{}' }),
    );
    expect(next.model.seedFile).toBe('130-invoices.json');
  });

  it('uses name:string:unique when no fields are given', async () => {
    const plain = await plan({ name: 'widgets' });
    expect(plain.model.fields.map((f) => [f.name, f.type, f.unique])).toEqual([
      ['name', 'string', true],
    ]);
  });

  it('leaves the app module alone with skipImport', async () => {
    const skipped = await plan({ name: 'widgets', skipImport: true });
    expect(skipped.updates).toEqual([]);
  });

  it('refuses another project than the API, and --owner without the users feature', async () => {
    await expect(plan({ name: 'widgets', sourceRoot: 'apps/worker/src' })).rejects.toThrow(
      /belong to the API app/,
    );
    await expect(
      plan(
        { name: 'widgets', owner: true },
        project({ 'apps/api/src/modules/users/entities/user.entity.ts': null }),
      ),
    ).rejects.toThrow(SchematicInputError);
  });
});
