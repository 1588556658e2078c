import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { AppConfig, loadConfig } from '@app/core';

import { createApp } from '../../apps/api/src/bootstrap/create-app';
import { LogCapture } from './log-capture';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  logs: LogCapture;
  dir: string;
  close(): Promise<void>;
}

/**
 * Boots the real application (same factory as main.ts) on its own SQLite file in a temp folder,
 * with JSON logs captured. Requests go through Fastify's inject or a real listener.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-e2e-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    DB_SQLITE_PATH: join(dir, 'quorum.sqlite'),
    DB_CONNECT_ATTEMPTS: '1',
    // Tests sign in many times from one address; test/rate-limit*.e2e-spec.ts turns limits on.
    RATE_LIMIT_ENABLED: 'false',
    ...env,
  });
  const logs = new LogCapture();
  const app = await createApp(config, { logDestination: logs });
  return {
    app,
    config,
    logs,
    dir,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Parsed JSON body of an inject() response. */
export function json<T = Record<string, unknown>>(response: { body: string }): T {
  return JSON.parse(response.body) as T;
}
