import { SchematicInputError } from './errors';
import { featureNames } from './names';

describe('featureNames', () => {
  it.each(['invoices', 'invoice', 'Invoice', 'Invoices', 'INVOICE', 'INVOICES'])(
    '%p gives every case form of invoice(s)',
    (input) => {
      expect(featureNames(input)).toEqual({
        plural: 'invoices',
        singular: 'invoice',
        Plural: 'Invoices',
        Singular: 'Invoice',
        pluralCamel: 'invoices',
        singularCamel: 'invoice',
        table: 'invoices',
        auditEntity: 'invoice',
        CONST: 'INVOICE',
        Human: 'Invoice',
        human: 'invoice',
        humans: 'invoices',
        Humans: 'Invoices',
        article: 'an',
      });
    },
  );

  it.each([
    'purchase-orders',
    'purchase-order',
    'PurchaseOrder',
    'PurchaseOrders',
    'purchaseOrders',
    'purchase_orders',
    'PURCHASE_ORDERS',
    'purchase orders',
  ])('%p gives kebab, snake, Pascal, camel and UPPER forms of a two-word name', (input) => {
    expect(featureNames(input)).toEqual({
      plural: 'purchase-orders',
      singular: 'purchase-order',
      Plural: 'PurchaseOrders',
      Singular: 'PurchaseOrder',
      pluralCamel: 'purchaseOrders',
      singularCamel: 'purchaseOrder',
      table: 'purchase_orders',
      auditEntity: 'purchase_order',
      CONST: 'PURCHASE_ORDER',
      Human: 'Purchase order',
      human: 'purchase order',
      humans: 'purchase orders',
      Humans: 'Purchase orders',
      article: 'a',
    });
  });

  it.each([
    ['people', 'person', 'people'],
    ['categories', 'category', 'categories'],
    ['boxes', 'box', 'boxes'],
    ['statuses', 'status', 'statuses'],
    ['HTTPRequestLogs', 'http-request-log', 'http-request-logs'],
    ['api-key', 'api-key', 'api-keys'],
  ])('%p → %p / %p (irregular plurals, acronyms)', (input, singular, plural) => {
    expect(featureNames(input)).toMatchObject({ singular, plural });
  });

  it.each([
    ['order', 'an'],
    ['usage', 'a'],
    ['unit', 'a'],
    ['update', 'an'],
    ['hour', 'an'],
    ['ticket', 'a'],
  ])('says %p with %p', (input, article) => {
    expect(featureNames(input).article).toBe(article);
  });

  it.each([
    ['', /required/],
    ['billing/invoices', /no paths/],
    ['v1.items', /no paths/],
    ['1invoices', /not a usable feature name/],
    ['in-voices!', /not a usable feature name/],
    ['sheep', /no distinct singular and plural/],
    ['news', /no distinct singular and plural/],
    ['dates', /entity class Date/],
    ['repositories', /entity class Repository/],
    ['users', /entity class User/],
    ['x'.repeat(61), /too long/],
  ])('refuses %p', (input, message) => {
    expect(() => featureNames(input)).toThrow(SchematicInputError);
    expect(() => featureNames(input)).toThrow(message);
  });
});
