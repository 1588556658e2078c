/**
 * Paths pino removes from every log line (standard §6, §11.4): credentials in headers, and any
 * field named like a secret at the top level or one or two levels down (bodies, errors, job data).
 */
const SECRET_FIELDS = [
  'password',
  'new_password',
  'current_password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'password_hash',
  'token',
  'access_token',
  'refresh_token',
  'accessToken',
  'refreshToken',
  'secret',
  'client_secret',
  'api_key',
  'apiKey',
  'authorization',
  'cookie',
  'reset_token',
  'resetToken',
  'resetLink',
  'reset_link',
];

export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
  ...SECRET_FIELDS.map((f) => `*.*.${f}`),
];

export const REDACTED = '[REDACTED]';
