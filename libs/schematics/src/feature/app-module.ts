import { ModuleMetadataDeclarator } from '@nestjs/schematics/dist/utils/module-metadata.declarator';
import * as ts from 'typescript';

import { SchematicInputError } from './errors';

export interface ModuleRegistration {
  /** e.g. `InvoicesModule` */
  className: string;
  /** Relative to the app module, without extension: `./modules/invoices/invoices.module`. */
  importPath: string;
}

interface Edit {
  at: number;
  text: string;
}

function importsOf(source: ts.SourceFile): ts.ImportDeclaration[] {
  return source.statements.filter(ts.isImportDeclaration);
}

const specifierOf = (declaration: ts.ImportDeclaration) =>
  (declaration.moduleSpecifier as ts.StringLiteral).text;

/** Names bound by `import { A, B as C } from '…'` (C, not B). */
function namedImports(declaration: ts.ImportDeclaration): string[] {
  const bindings = declaration.importClause?.namedBindings;
  return bindings && ts.isNamedImports(bindings) ? bindings.elements.map((e) => e.name.text) : [];
}

/** Every `imports: [ … ]` array literal in the file, in source order. */
function importsArrays(source: ts.SourceFile): ts.ArrayLiteralExpression[] {
  const found: ts.ArrayLiteralExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAssignment(node) &&
      (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
      node.name.text === 'imports' &&
      ts.isArrayLiteralExpression(node.initializer)
    ) {
      found.push(node.initializer);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function applyEdits(text: string, edits: Edit[]): string {
  return [...edits]
    .sort((a, b) => b.at - a.at)
    .reduce((out, edit) => out.slice(0, edit.at) + edit.text + out.slice(edit.at), text);
}

/**
 * Registers a feature module in the app module, reading the file as TypeScript (not lines):
 * adds `import { X } from './modules/…'` among the other feature-module imports (in path order) and
 * `X` to the `imports` array that already lists feature modules — in Quorum that is the dynamic
 * module `AppModule.forRoot()` returns, which Nest's own MetadataManager (it only reads
 * `@Module({...})`) would miss. Without such an array it falls back to Nest's
 * ModuleMetadataDeclarator on the `@Module()` decorator. Returns undefined when X is already
 * imported and listed (re-running the generator changes nothing).
 */
export function registerModule(
  text: string,
  fileName: string,
  { className, importPath }: ModuleRegistration,
): string | undefined {
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TS,
  );
  const imports = importsOf(source);
  const imported = imports.some(
    (d) => specifierOf(d) === importPath && namedImports(d).includes(className),
  );
  const taken = imports.find(
    (d) => specifierOf(d) !== importPath && namedImports(d).includes(className),
  );
  if (taken) {
    throw new SchematicInputError(
      `${fileName} already imports a ${className} from ${specifierOf(taken)}; choose another feature name`,
    );
  }

  const featureModules = new Set(
    imports.filter((d) => specifierOf(d).startsWith('./modules/')).flatMap(namedImports),
  );
  const arrays = importsArrays(source);
  const target = arrays.find((array) =>
    array.elements.some((e) => ts.isIdentifier(e) && featureModules.has(e.text)),
  );

  const edits: Edit[] = [];
  if (!imported) {
    const line = `import { ${className} } from '${importPath}';\n`;
    const local = imports.filter((d) => specifierOf(d).startsWith('./'));
    const after = local.find((d) => specifierOf(d) > importPath);
    if (after) edits.push({ at: after.getStart(source), text: line });
    else if (local.length)
      edits.push({ at: local[local.length - 1].getEnd(), text: `\n${line.trimEnd()}` });
    else if (imports.length)
      edits.push({ at: imports[imports.length - 1].getEnd(), text: `\n\n${line.trimEnd()}` });
    else edits.push({ at: 0, text: `${line}\n` });
  }

  if (!target) {
    const withImport = applyEdits(text, edits);
    const listedSomewhere = arrays.some((a) =>
      a.elements.some((e) => ts.isIdentifier(e) && e.text === className),
    );
    if (listedSomewhere) return imported ? undefined : withImport;
    const declared = new ModuleMetadataDeclarator().declare(withImport, {
      metadata: 'imports',
      symbol: className,
      name: className,
      path: importPath as never,
      module: fileName as never,
    });
    if (declared === withImport) {
      throw new SchematicInputError(
        `found no place to register ${className} in ${fileName}: no imports array listing feature modules and no @Module() decorator; add it by hand (see docs/extending.md)`,
      );
    }
    return declared;
  }

  const listed = target.elements.some((e) => ts.isIdentifier(e) && e.text === className);
  if (imported && listed) return undefined;
  if (!listed) {
    const elements = target.elements;
    edits.push(
      elements.length === 0
        ? { at: elements.pos, text: className }
        : { at: elements[elements.length - 1].getEnd(), text: `, ${className}` },
    );
  }
  return applyEdits(text, edits);
}
