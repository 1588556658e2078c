import { stripHtml } from './sanitize';

describe('stripHtml', () => {
  it('removes tags and script bodies but keeps the text', () => {
    expect(stripHtml('<b>Release</b> <script>alert(1)</script>notes')).toBe('Release notes');
  });

  it('removes event-handler attributes with their tags', () => {
    expect(stripHtml('<img src=x onerror="alert(1)">ok')).toBe('ok');
  });

  it('keeps plain text with comparison signs and ampersands as typed', () => {
    expect(stripHtml('a < b & c > d')).toBe('a < b & c > d');
  });
});

describe('stripHtml against encoded markup', () => {
  it('does not turn entity-encoded script tags into live markup', () => {
    expect(stripHtml('&lt;script&gt;alert(1)&lt;/script&gt;hello')).toBe('hello');
  });
});
