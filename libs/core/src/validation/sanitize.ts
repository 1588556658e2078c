import { Transform } from 'class-transformer';
import type SanitizeHtml from 'sanitize-html';

let loadedSanitizer: typeof SanitizeHtml | undefined;

/**
 * sanitize-html is loaded on the first text it cleans, not at start-up: with htmlparser2 and
 * postcss it took ~80 ms of a cold start (issue 8), and only writes of free text need it.
 */
function sanitizer(): typeof SanitizeHtml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  loadedSanitizer ??= require('sanitize-html') as typeof SanitizeHtml;
  return loadedSanitizer;
}

const STRIP_ALL: SanitizeHtml.IOptions = {
  allowedTags: [],
  allowedAttributes: {},
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe'],
};

const decodeBasicEntities = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/**
 * Removes every tag and script/style body and keeps the text as plain text. sanitize-html
 * escapes < > & in the text it keeps; those are decoded back, and the pass repeats until stable
 * so that entity-encoded markup (`&lt;script&gt;`) cannot come back to life as a tag.
 */
export function stripHtml(value: string): string {
  const sanitizeHtml = sanitizer();
  let current = value;
  for (let pass = 0; pass < 5; pass++) {
    const next = decodeBasicEntities(sanitizeHtml(current, STRIP_ALL));
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Free text from users: trimmed, HTML/JS stripped (standard §11.1). */
export const SanitizedText = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? stripHtml(value).trim() : value,
  );

/** Trims surrounding whitespace. */
export const Trimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
