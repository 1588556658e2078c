import pluralize from 'pluralize';

import { SchematicInputError } from './errors';

/** Every spelling of a feature's name that the generated code uses. */
export interface FeatureNames {
  /** `purchase-orders`: folder, file prefix, route, Swagger tag. */
  plural: string;
  /** `purchase-order`: entity and DTO file names. */
  singular: string;
  /** `PurchaseOrders`: module, controller, service, repository classes. */
  Plural: string;
  /** `PurchaseOrder`: the entity class. */
  Singular: string;
  /** `purchaseOrders`: the controller's service, the service's repository. */
  pluralCamel: string;
  /** `purchaseOrder`: the query-builder alias. */
  singularCamel: string;
  /** `purchase_orders`: the table. */
  table: string;
  /** `purchase_order`: the audit trail's entity name. */
  auditEntity: string;
  /** `PURCHASE_ORDER`: constant prefix. */
  CONST: string;
  /** `Purchase order`: the start of a sentence ("Purchase order created"). */
  Human: string;
  /** `purchase order` */
  human: string;
  /** `purchase orders` */
  humans: string;
  /** `Purchase orders` */
  Humans: string;
  /** `a` or `an`, for `human`. */
  article: string;
}

/**
 * Identifiers the generated files import or rely on. An entity named like one of them would
 * shadow it (a feature `dates` would make `Date` the entity class), so such names are refused.
 */
const TAKEN_IDENTIFIERS = new Set([
  // typeorm
  'Brackets',
  'Column',
  'Entity',
  'EntityManager',
  'Index',
  'JoinColumn',
  'ManyToOne',
  'MigrationInterface',
  'QueryRunner',
  'Repository',
  'Table',
  'ValueTransformer',
  // @nestjs/*
  'Body',
  'Controller',
  'Delete',
  'Get',
  'HttpCode',
  'HttpStatus',
  'Injectable',
  'Module',
  'Param',
  'Post',
  'Put',
  'Query',
  'PartialType',
  'Transform',
  // @app/* and the users module
  'Page',
  'User',
  'AuthUser',
  'TestApp',
  'TestUser',
  'Envelope',
  // JavaScript and TypeScript globals
  'Array',
  'Boolean',
  'Date',
  'Error',
  'Function',
  'JSON',
  'Map',
  'Math',
  'Number',
  'Object',
  'Partial',
  'Pick',
  'Promise',
  'Record',
  'Set',
  'String',
  'Symbol',
]);

/** Words of a name written in any case: `purchase-orders`, `PurchaseOrder`, `PURCHASE_ORDERS`, `purchase orders`. */
export function wordsOf(input: string): string[] {
  return input
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const pascal = (words: string[]) => words.map(capitalize).join('');
const camel = (words: string[]) => words[0] + pascal(words.slice(1));

/** `a` or `an` by the sound of the first letters (good enough for nouns: an invoice, a user, an hour). */
function articleFor(phrase: string): string {
  if (/^(?:hour|honou?r|heir)/.test(phrase)) return 'an';
  if (/^u(?:n[aeiou]|ni|s|ti|r[aeiou]|k)/.test(phrase) || /^eu|^one/.test(phrase)) return 'a';
  return /^[aeiou]/.test(phrase) ? 'an' : 'a';
}

/** All case forms of a feature name, from its singular or plural in any case. */
export function featureNames(input: string): FeatureNames {
  if (/[/\\.]/.test(input)) {
    throw new SchematicInputError(
      `"${input}" is not a feature name: features live flat in apps/api/src/modules/ (no paths or dots); use e.g. "purchase-orders"`,
    );
  }
  const words = wordsOf(input);
  if (words.length === 0)
    throw new SchematicInputError('A feature name is required, e.g. "invoices"');
  words.forEach((word, i) => {
    if (!(i === 0 ? /^[a-z][a-z0-9]*$/ : /^[a-z0-9]+$/).test(word)) {
      throw new SchematicInputError(
        `"${input}" is not a usable feature name: use letters and digits in words separated by "-", starting with a letter (e.g. "purchase-orders")`,
      );
    }
  });
  const last = words[words.length - 1];
  const singularLast = pluralize.singular(last);
  const pluralLast = pluralize.plural(singularLast);
  if (singularLast === pluralLast) {
    throw new SchematicInputError(
      `"${input}" has no distinct singular and plural ("${last}"); the generated code needs both (e.g. "${pascal(words)}Item" → "${[...words, 'items'].join('-')}")`,
    );
  }
  const singularWords = [...words.slice(0, -1), singularLast];
  const pluralWords = [...words.slice(0, -1), pluralLast];
  const human = singularWords.join(' ');
  const humans = pluralWords.join(' ');
  const names: FeatureNames = {
    plural: pluralWords.join('-'),
    singular: singularWords.join('-'),
    Plural: pascal(pluralWords),
    Singular: pascal(singularWords),
    pluralCamel: camel(pluralWords),
    singularCamel: camel(singularWords),
    table: pluralWords.join('_'),
    auditEntity: singularWords.join('_'),
    CONST: singularWords.join('_').toUpperCase(),
    Human: capitalize(human),
    human,
    humans,
    Humans: capitalize(humans),
    article: articleFor(human),
  };
  if (TAKEN_IDENTIFIERS.has(names.Singular) || TAKEN_IDENTIFIERS.has(names.Plural)) {
    throw new SchematicInputError(
      `"${input}" would name the entity class ${names.Singular}, which the generated code already uses (${names.Singular} from a library or the language); choose another name`,
    );
  }
  if (names.table.length > 60) {
    throw new SchematicInputError(
      `"${input}" is too long: the table name ${names.table} must stay within 60 characters`,
    );
  }
  return names;
}
