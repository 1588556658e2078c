import { NestFactory } from '@nestjs/core';

import { SeedRunner } from '@app/database';

import { AppModule } from '../apps/api/src/app.module';
import { cliConfig } from './cli-config';

/**
 * `npm run seed`: loads seeds/*.json through the same runner the API uses at boot (existing rows
 * are skipped, so it is safe to run twice). Boots the modules without HTTP so every feature's seed
 * preparation (e.g. password hashing) is registered.
 */
async function main(): Promise<void> {
  const config = cliConfig();
  config.DB_SEED_ON_START = false;
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    const reports = await app.get(SeedRunner).run();
    for (const r of reports) {
      process.stdout.write(`${r.file}: ${r.inserted} inserted, ${r.existing} already present\n`);
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
