import { buildDataSourceOptions, createDataSource } from '@app/database';

import { cliConfig } from './cli-config';

/** `npm run migration:run`: applies every pending migration, each in its own transaction. */
async function main(): Promise<void> {
  const dataSource = await createDataSource(buildDataSourceOptions(cliConfig())).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(
      applied.length === 0
        ? 'No pending migrations\n'
        : applied.map((m) => `Applied ${m.name}\n`).join(''),
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`migration:run failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
