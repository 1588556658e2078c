import { runApiToExit } from './support/spawn-api';

describe('configuration is validated at boot (real process)', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [
      {
        NODE_ENV: 'production',
        CORS_ORIGINS: '*',
        CURSOR_SECRET: 'x'.repeat(40),
        JWT_SECRET: 'y'.repeat(40),
      },
      'CORS_ORIGINS',
    ],
    [{ DB_TYPE: 'oracle' }, 'DB_TYPE'],
    [{ DB_TYPE: 'mssql' }, 'DB_HOST'],
  ])(
    'env %p stops the process with one line naming %s',
    async (env, variable) => {
      const result = await runApiToExit(env);
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
      expect(result.stdout).not.toContain('listening');
    },
    30_000,
  );
});
