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

describe('loading sanitize-html', () => {
  it('happens on the first text cleaned, not when the module is imported (cold start)', () => {
    jest.isolateModules(() => {
      let loaded = false;
      jest.doMock('sanitize-html', () => {
        loaded = true;
        return jest.requireActual<object>('sanitize-html');
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy of the module
      const fresh = require('./sanitize') as typeof import('./sanitize');
      expect(loaded).toBe(false);
      expect(fresh.stripHtml('<b>bold</b> text')).toBe('bold text');
      expect(loaded).toBe(true);
    });
  });
});
