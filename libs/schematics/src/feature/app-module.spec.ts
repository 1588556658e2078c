import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { registerModule } from './app-module';
import { SchematicInputError } from './errors';

const FILE = 'apps/api/src/app.module.ts';
const INVOICES = { className: 'InvoicesModule', importPath: './modules/invoices/invoices.module' };

const forRootModule = `import { DynamicModule, Module } from '@nestjs/common';

import { CoreModule } from '@app/core';

import { AuthModule } from './modules/auth/auth.module';
import { TagsModule } from './modules/tags/tags.module';

@Module({})
export class AppModule {
  static forRoot(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(),
        TagsModule,
        AuthModule,
      ],
      providers: [],
    };
  }
}
`;

const count = (text: string, part: string) => text.split(part).length - 1;

describe('registerModule', () => {
  it('imports the module among the feature imports (path order) and lists it in forRoot()', () => {
    const out = registerModule(forRootModule, FILE, INVOICES) as string;
    expect(out).toContain(
      [
        "import { AuthModule } from './modules/auth/auth.module';",
        "import { InvoicesModule } from './modules/invoices/invoices.module';",
        "import { TagsModule } from './modules/tags/tags.module';",
      ].join('\n'),
    );
    expect(out).toMatch(/TagsModule,\s+AuthModule, InvoicesModule,\s+\]/);
    expect(out).toContain('@Module({})');
  });

  it('changes nothing when run again', () => {
    const once = registerModule(forRootModule, FILE, INVOICES) as string;
    expect(registerModule(once, FILE, INVOICES)).toBeUndefined();
  });

  it('appends after the last feature import when its path sorts last', () => {
    const out = registerModule(forRootModule, FILE, {
      className: 'WidgetsModule',
      importPath: './modules/widgets/widgets.module',
    }) as string;
    expect(out).toContain(
      "import { TagsModule } from './modules/tags/tags.module';\nimport { WidgetsModule } from './modules/widgets/widgets.module';",
    );
  });

  it('registers in the real app module exactly once', () => {
    const real = readFileSync(join(__dirname, '..', '..', '..', '..', FILE), 'utf8');
    const out = registerModule(real, FILE, INVOICES) as string;
    expect(count(out, "import { InvoicesModule } from './modules/invoices/invoices.module';")).toBe(
      1,
    );
    expect(count(out, 'InvoicesModule')).toBe(2);
    expect(registerModule(out, FILE, INVOICES)).toBeUndefined();
  });

  it('uses a plain @Module({ imports }) that lists feature modules', () => {
    const plain = `import { Module } from '@nestjs/common';\n\nimport { TagsModule } from './modules/tags/tags.module';\n\n@Module({ imports: [TagsModule], providers: [] })\nexport class AppModule {}\n`;
    const out = registerModule(plain, FILE, INVOICES) as string;
    expect(out).toContain('imports: [TagsModule, InvoicesModule]');
  });

  it('falls back to the @Module() decorator when nothing lists feature modules yet', () => {
    const empty = `import { Module } from '@nestjs/common';\n\n@Module({})\nexport class AppModule {}\n`;
    const out = registerModule(empty, FILE, INVOICES) as string;
    expect(out).toContain("import { InvoicesModule } from './modules/invoices/invoices.module';");
    expect(out).toMatch(/@Module\(\{\s*imports: \[InvoicesModule\]\s*\}\)/);
  });

  it('refuses a class name the app module already imports from elsewhere', () => {
    const clash = forRootModule.replace(
      "import { CoreModule } from '@app/core';",
      "import { CoreModule, InvoicesModule } from '@app/core';",
    );
    expect(() => registerModule(clash, FILE, INVOICES)).toThrow(SchematicInputError);
  });

  it('refuses a file with no place to register', () => {
    expect(() => registerModule('export const x = 1;\n', FILE, INVOICES)).toThrow(
      /no place to register/,
    );
  });
});
