import { loadConfig } from '@app/core';

import {
  apiHelmetOptions,
  documentHelmetOptions,
  isDocumentUrl,
  securityHeaders,
} from './http-hardening';

const secrets = { JWT_SECRET: 'j'.repeat(40), CURSOR_SECRET: 'c'.repeat(40) };

describe('securityHeaders', () => {
  const production = loadConfig({ NODE_ENV: 'production', ...secrets });
  const development = loadConfig({ NODE_ENV: 'development', ...secrets });

  describe('for Swagger UI (documents)', () => {
    const headers = securityHeaders(documentHelmetOptions(production));

    it('computes helmet headers once, as helmet would set them', () => {
      expect(headers).toMatchObject({
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'x-permitted-cross-domain-policies': 'none',
      });
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy']).toContain("script-src 'self'");
      expect(headers).not.toHaveProperty('x-powered-by');
    });

    it('asks browsers to upgrade to HTTPS in production only', () => {
      const dev = securityHeaders(documentHelmetOptions(development));
      expect(headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect(dev['content-security-policy']).not.toContain('upgrade-insecure-requests');
    });
  });

  describe('for the API (JSON)', () => {
    it('sends exactly the headers that protect a response that is not a document', () => {
      expect(securityHeaders(apiHelmetOptions())).toEqual({
        'content-security-policy': "default-src 'none';frame-ancestors 'none'",
        'cross-origin-resource-policy': 'same-origin',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
      });
    });
  });
});

describe('isDocumentUrl', () => {
  it.each(['/docs', '/docs/', '/docs/swagger-ui.css', '/docs?x=1', '/docs-json'])(
    'takes %s for Swagger UI',
    (url) => expect(isDocumentUrl(url, '/docs')).toBe(true),
  );

  it.each(['/api/v1/health', '/doc', '/docsy', '/api/docs', '//docs', '/metrics'])(
    'takes %s for the API',
    (url) => expect(isDocumentUrl(url, '/docs')).toBe(false),
  );
});
