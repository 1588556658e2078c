import type { Breadcrumb, ErrorEvent, Event } from '@sentry/nestjs';

export const FILTERED = '[Filtered]';

/**
 * Field names whose values never leave the process, at any depth: credentials (standard §11.4)
 * and the personal data §6 keeps out of logs (an email address identifies a person; the user id
 * is what events carry instead).
 */
const SECRET_KEY =
  /pass(word|wd|phrase)?|secret|token|api[-_]?key|authori[sz]ation|cookie|session|credential|private[-_]?key|signature|e-?mail/i;

/** What can hide inside free text (messages, a `to` field): bearer values, JWTs, email addresses. */
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

const MAX_DEPTH = 8;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function scrubText(text: string): string {
  return text.replace(BEARER, `$1 ${FILTERED}`).replace(JWT, FILTERED).replace(EMAIL, FILTERED);
}

/** A deep copy of `value` with secret-named fields replaced and credentials cut out of strings. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return FILTERED;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = isSecretKey(key) ? FILTERED : scrubValue(v, depth + 1);
  }
  return out;
}

/** `a=1&token=x` → `a=1&token=%5BFiltered%5D`. */
export function scrubQueryString(query: string): string {
  const params = new URLSearchParams(query);
  let changed = false;
  for (const key of Array.from(params.keys())) {
    if (isSecretKey(key)) {
      params.set(key, FILTERED);
      changed = true;
    }
  }
  return changed ? params.toString() : scrubText(query);
}

export function scrubUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q)}?${scrubQueryString(url.slice(q + 1))}`;
}

/** A request body as Sentry may hold it: an object, or the raw text of JSON or a form. */
function scrubBody(data: unknown): unknown {
  if (typeof data !== 'string') return scrubValue(data);
  try {
    return JSON.stringify(scrubValue(JSON.parse(data)));
  } catch {
    return data.includes('=') && !data.includes(' ') ? scrubQueryString(data) : scrubText(data);
  }
}

function scrubQuery(query: unknown): unknown {
  return typeof query === 'string' ? scrubQueryString(query) : scrubValue(query);
}

/**
 * The last stop before an event leaves the process (Sentry's beforeSend): headers such as
 * Authorization and Cookie, any body/extra/context field named like a password, token or secret,
 * credentials inside messages, and every user attribute but the id.
 */
export function scrubEvent<T extends Event | ErrorEvent>(event: T): T {
  if (event.request) {
    const request = event.request;
    if (request.headers) request.headers = scrubValue(request.headers) as Record<string, string>;
    if (request.cookies) request.cookies = { cookies: FILTERED };
    if (request.data !== undefined) request.data = scrubBody(request.data);
    if (request.query_string !== undefined) {
      request.query_string = scrubQuery(request.query_string) as typeof request.query_string;
    }
    if (request.url) request.url = scrubUrl(request.url);
  }
  if (event.extra) event.extra = scrubValue(event.extra) as Record<string, unknown>;
  if (event.contexts) event.contexts = scrubValue(event.contexts) as typeof event.contexts;
  if (event.user) event.user = event.user.id !== undefined ? { id: event.user.id } : {};
  if (event.message) event.message = scrubText(event.message);
  for (const exception of event.exception?.values ?? []) {
    if (exception.value) exception.value = scrubText(exception.value);
  }
  if (event.breadcrumbs) event.breadcrumbs = event.breadcrumbs.map(scrubBreadcrumb);
  return event;
}

export function scrubBreadcrumb(breadcrumb: Breadcrumb): Breadcrumb {
  return {
    ...breadcrumb,
    ...(breadcrumb.message ? { message: scrubText(breadcrumb.message) } : {}),
    ...(breadcrumb.data ? { data: scrubValue(breadcrumb.data) as Record<string, unknown> } : {}),
  };
}
