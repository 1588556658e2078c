import { loadConfig } from '@app/core';

import { securityHeaders } from './http-hardening';

const secrets = { JWT_SECRET: 'j'.repeat(40), CURSOR_SECRET: 'c'.repeat(40) };

describe('securityHeaders', () => {
  const production = securityHeaders(loadConfig({ NODE_ENV: 'production', ...secrets }));
  const development = securityHeaders(loadConfig({ NODE_ENV: 'development', ...secrets }));

  it('computes helmet headers once, as helmet would set them', () => {
    expect(production).toMatchObject({
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'referrer-policy': 'no-referrer',
    });
    expect(production['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(production['content-security-policy']).toContain("script-src 'self'");
    expect(production).not.toHaveProperty('x-powered-by');
  });

  it('asks browsers to upgrade to HTTPS in production only', () => {
    expect(production['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(development['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});
