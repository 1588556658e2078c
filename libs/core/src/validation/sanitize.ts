import { Transform } from 'class-transformer';
import sanitizeHtml from 'sanitize-html';

const STRIP_ALL: sanitizeHtml.IOptions = {
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
