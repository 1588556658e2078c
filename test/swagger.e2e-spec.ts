import type {
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { Document, Spectral } from '@stoplight/spectral-core';
import type { ISpectralDiagnostic, RulesetDefinition } from '@stoplight/spectral-core';
import { Json } from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';

import { createTestApp, json, TestApp } from './support/test-app';

/**
 * The OpenAPI contract of /docs-json: what API consumers read in Swagger UI must say what the API
 * really does (envelope, error envelope, auth, examples), and pass Spectral's `spectral:oas`
 * ruleset (the one `.spectral.yaml` extends) without errors.
 */

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Schema = SchemaObject | ReferenceObject;

// Spectral's DiagnosticSeverity (0 error, 1 warning), typed as spectral-core's own copy of the enum
// (it bundles a different @stoplight/types than the top-level one).
type Severity = ISpectralDiagnostic['severity'];
const SEVERITY_ERROR = 0 as Severity;
const SEVERITY_WARNING = 1 as Severity;

/** Media types of routes that answer a file rather than the JSON envelope. */
const FILE_TYPES = ['text/csv'];

interface Operation {
  /** e.g. `GET /api/v1/tags` */
  name: string;
  op: OperationObject;
}

function isRef(value: unknown): value is ReferenceObject {
  return typeof value === 'object' && value !== null && '$ref' in value;
}

function operationsOf(doc: OpenAPIObject): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map((m) => ({
      name: `${m.toUpperCase()} ${path}`,
      op: item[m] as OperationObject,
    })),
  );
}

/** Follows local `$ref`s (`#/components/...`); a dangling one fails the test. */
function deref<T>(doc: OpenAPIObject, value: T | ReferenceObject): T {
  let current: unknown = value;
  for (let hops = 0; isRef(current); hops += 1) {
    if (hops > 20) throw new Error('$ref cycle');
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`non-local $ref ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
    if (current === undefined) throw new Error(`dangling $ref ${ref}`);
  }
  return current as T;
}

function jsonSchemaOf(doc: OpenAPIObject, response?: ResponseObject | ReferenceObject) {
  if (!response) return undefined;
  return deref<ResponseObject>(doc, response).content?.['application/json']?.schema;
}

/** A schema that names a real type: a component, a primitive, or an object/array of them. */
function isConcrete(doc: OpenAPIObject, schema: Schema, depth = 0): boolean {
  if (depth > 5) return true;
  const s = deref<SchemaObject>(doc, schema);
  const variants = s.oneOf ?? s.anyOf ?? s.allOf;
  if (variants) return variants.length > 0 && variants.every((v) => isConcrete(doc, v, depth + 1));
  if (s.type === 'array') return s.items !== undefined && isConcrete(doc, s.items, depth + 1);
  if (s.type === 'object' || s.properties) return Object.keys(s.properties ?? {}).length > 0;
  return s.type !== undefined && ['string', 'number', 'integer', 'boolean'].includes(s.type);
}

/** `payload: null` documented on purpose (e.g. a delete): nullable with a null example. */
function isExplicitNull(doc: OpenAPIObject, schema: Schema): boolean {
  const s = deref<SchemaObject>(doc, schema);
  return s.nullable === true && s.example === null;
}

/** Problems with a success envelope `{ payload: <real type>, message, is_error }`. */
function envelopeProblems(doc: OpenAPIObject, schema: Schema): string[] {
  const s = deref<SchemaObject>(doc, schema);
  const props = s.properties ?? {};
  const problems: string[] = [];
  for (const field of ['payload', 'message', 'is_error']) {
    if (!props[field]) problems.push(`no \`${field}\``);
    if (!s.required?.includes(field)) problems.push(`\`${field}\` not required`);
  }
  if (props.message && deref<SchemaObject>(doc, props.message).type !== 'string') {
    problems.push('`message` is not a string');
  }
  if (props.is_error && deref<SchemaObject>(doc, props.is_error).type !== 'boolean') {
    problems.push('`is_error` is not a boolean');
  }
  if (props.payload) {
    const payload = props.payload;
    if (!isConcrete(doc, payload) && !isExplicitNull(doc, payload)) {
      problems.push('`payload` is not a concrete type (component, page of components or null)');
    }
    const inner = deref<SchemaObject>(doc, payload).properties ?? {};
    if ('is_error' in inner) problems.push('`payload` is itself an envelope (wrapped twice)');
  }
  return problems;
}

/** Problems with an error envelope `{ payload: { error_code, request_id, … }, message, is_error }`. */
function errorEnvelopeProblems(doc: OpenAPIObject, response?: ResponseObject | ReferenceObject) {
  if (!response) return ['missing'];
  const media = deref<ResponseObject>(doc, response).content?.['application/json'];
  if (!media?.schema) return ['no application/json schema'];
  const s = deref<SchemaObject>(doc, media.schema);
  const props = s.properties ?? {};
  const problems: string[] = [];
  for (const field of ['payload', 'message', 'is_error']) {
    if (!props[field]) problems.push(`no \`${field}\``);
  }
  if (props.payload) {
    const payload = deref<SchemaObject>(doc, props.payload).properties ?? {};
    for (const field of ['error_code', 'request_id']) {
      if (!payload[field]) problems.push(`no \`payload.${field}\``);
    }
  }
  const example = media.example as { is_error?: unknown } | undefined;
  if (example !== undefined && example.is_error !== true) {
    problems.push('example does not have `is_error: true`');
  }
  return problems;
}

/** Every property carries an example (nested components too), or the schema has one itself. */
function exampleProblems(doc: OpenAPIObject, schema: Schema, at: string, depth = 0): string[] {
  if (depth > 5) return [];
  const s = deref<SchemaObject>(doc, schema);
  if (s.example !== undefined) return [];
  const props = Object.entries(s.properties ?? {});
  if (props.length === 0) return [`${at} has no example`];
  return props.flatMap(([name, prop]) => {
    const p = deref<SchemaObject>(doc, prop);
    if (p.example !== undefined) return [];
    const target = p.type === 'array' && p.items ? p.items : prop;
    if (isRef(target) || deref<SchemaObject>(doc, target).properties) {
      return exampleProblems(doc, target, `${at}.${name}`, depth + 1);
    }
    return [`${at}.${name} has no example`];
  });
}

function statusesOf(op: OperationObject): string[] {
  return Object.keys(op.responses);
}

const is2xx = (status: string) => /^2\d\d$/.test(status);
const isError = (status: string) => /^[45]\d\d$/.test(status);

/** Collects every problem across operations so one run names them all. */
function problemsAcross(
  operations: Operation[],
  check: (op: OperationObject) => string[],
): string[] {
  return operations.flatMap(({ name, op }) => check(op).map((p) => `${name}: ${p}`));
}

function describeDiagnostic(d: ISpectralDiagnostic): string {
  const line = d.range.start.line + 1;
  return `${d.code} at ${d.path.join('.') || '(root)'} (line ${line}): ${d.message}`;
}

async function lint(doc: OpenAPIObject): Promise<ISpectralDiagnostic[]> {
  const spectral = new Spectral();
  // Exactly `extends: spectral:oas` from .spectral.yaml (the recommended rules of the OAS ruleset).
  spectral.setRuleset({ extends: [[oas as RulesetDefinition, 'recommended']] });
  return spectral.run(new Document(JSON.stringify(doc, null, 2), Json, '/docs-json'));
}

describe('OpenAPI document (e2e)', () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  let operations: Operation[];

  beforeAll(async () => {
    t = await createTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/docs-json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    doc = json<OpenAPIObject>(res);
    operations = operationsOf(doc);
  });
  afterAll(() => t?.close());

  it('is OpenAPI 3 and lists the mounted routes under /api/v1', () => {
    expect(doc.openapi).toMatch(/^3\./);
    const names = operations.map((o) => o.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /api/v1/health',
        'GET /api/v1/health/detailed',
        'GET /api/v1/tags',
        'POST /api/v1/tags',
        'GET /api/v1/tags/{id}',
        'PUT /api/v1/tags/{id}',
        'DELETE /api/v1/tags/{id}',
      ]),
    );
    expect(names.filter((n) => !n.split(' ')[1].startsWith('/api/v1/'))).toEqual([]);
  });

  it('gives every operation a non-empty summary and description', () => {
    const problems = problemsAcross(operations, (op) => [
      ...(op.summary?.trim() ? [] : ['no summary']),
      ...(op.description?.trim() ? [] : ['no description']),
    ]);
    expect(problems).toEqual([]);
  });

  it('gives every operation a 2xx JSON response shaped as the envelope around the real payload', () => {
    const problems = problemsAcross(operations, (op) => {
      const successes = statusesOf(op).filter(is2xx);
      if (successes.length === 0) return ['no 2xx response'];
      return successes.flatMap((status) => {
        // File downloads (a report's CSV) answer their file, not the envelope.
        const response = op.responses[status] as ResponseObject | ReferenceObject;
        const content = deref<ResponseObject>(doc, response).content ?? {};
        if (FILE_TYPES.some((type) => type in content)) return [];
        const schema = jsonSchemaOf(doc, op.responses[status]);
        if (!schema) return [`${status} has no application/json schema`];
        return envelopeProblems(doc, schema).map((p) => `${status}: ${p}`);
      });
    });
    expect(problems).toEqual([]);
  });

  it('documents error responses in the error envelope (500 everywhere, 400 where input is read)', () => {
    const problems = problemsAcross(operations, (op) => {
      const errors = statusesOf(op).filter(isError);
      const found = errors.flatMap((status) =>
        errorEnvelopeProblems(doc, op.responses[status]).map((p) => `${status}: ${p}`),
      );
      if (!errors.includes('500')) found.push('no 500 response');
      const readsInput = (op.parameters ?? []).length > 0 || op.requestBody !== undefined;
      if (readsInput && !errors.includes('400')) found.push('reads input but documents no 400');
      return found;
    });
    expect(problems).toEqual([]);
    expect(doc.components?.schemas?.ErrorEnvelopeDto).toBeDefined();
  });

  it('declares bearer (JWT) auth, and every secured operation names a declared scheme and 401', () => {
    const schemes = doc.components?.securitySchemes ?? {};
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    const problems = problemsAcross(operations, (op) => {
      const security = op.security ?? doc.security ?? [];
      const names = security.flatMap((requirement) => Object.keys(requirement));
      return [
        ...names.filter((n) => !schemes[n]).map((n) => `security scheme ${n} not declared`),
        ...(names.length > 0 && !op.responses['401'] ? ['secured but documents no 401'] : []),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('gives every request body a JSON schema with examples', () => {
    const withBody = operations.filter(({ op }) => op.requestBody !== undefined);
    expect(withBody.length).toBeGreaterThan(0);
    const problems = problemsAcross(withBody, (op) => {
      const body = deref<RequestBodyObject>(doc, op.requestBody as RequestBodyObject);
      const media = body.content['application/json'];
      if (!media?.schema) return ['request body has no application/json schema'];
      if (media.example !== undefined || Object.keys(media.examples ?? {}).length > 0) return [];
      return exampleProblems(doc, media.schema, 'body');
    });
    expect(problems).toEqual([]);
  });

  it.each(['/docs', '/docs/'])('serves Swagger UI at %s as HTML', async (url) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('swagger-ui');
  });

  it("passes Spectral's spectral:oas ruleset without errors (warnings are printed)", async () => {
    const results = await lint(doc);
    const errors = results.filter((r) => r.severity === SEVERITY_ERROR);
    const warnings = results.filter((r) => r.severity === SEVERITY_WARNING);
    const rest = results.length - errors.length - warnings.length;
    console.log(
      [
        `Spectral (spectral:oas): ${errors.length} error(s), ${warnings.length} warning(s), ${rest} info/hint(s)`,
        ...warnings.map((w) => `  warning ${describeDiagnostic(w)}`),
      ].join('\n'),
    );
    expect(errors.map(describeDiagnostic)).toEqual([]);
  });

  it('the lint above can fail: a schema example of the wrong type is an error', async () => {
    const broken = structuredClone(doc);
    const tag = broken.components?.schemas?.TagResDto as SchemaObject;
    (tag.properties?.id as SchemaObject).example = 12;
    const errors = (await lint(broken)).filter((r) => r.severity === SEVERITY_ERROR);
    expect(errors.map((e) => e.code)).toContain('oas3-valid-schema-example');
  });
});
