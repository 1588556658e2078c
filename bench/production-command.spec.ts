import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { load } from 'js-yaml';

import { apiProductionArgs, ROOT } from './support';

/**
 * The API's production command lives in package.json (`start:prod`); the image and the compose
 * file must run the same one, V8 flags included (decision 039), and the bench measures it.
 */
describe('the API production command', () => {
  const args = apiProductionArgs();

  it('runs the built API with the young generation of decision 039', () => {
    expect(args[args.length - 1]).toBe('dist/apps/api/src/main.js');
    expect(args).toContain('--max-semi-space-size=64');
  });

  it('is what the Dockerfile runs', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])\s*$/m.exec(dockerfile)?.[1];
    expect(cmd).toBeDefined();
    expect(JSON.parse(cmd as string)).toEqual(['node', ...args]);
  });

  it('is what docker-compose.yml runs for the api service', () => {
    const compose = load(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, { command?: string[] }>;
    };
    expect(compose.services.api.command).toEqual(['node', ...args]);
  });
});
