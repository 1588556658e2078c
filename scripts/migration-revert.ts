import { buildDataSourceOptions, createDataSource } from '@app/database';

import { cliConfig } from './cli-config';

/** `npm run migration:revert`: undoes the last applied migration. */
async function main(): Promise<void> {
  const dataSource = await createDataSource(buildDataSourceOptions(cliConfig())).initialize();
  try {
    const before = await dataSource.query<unknown[]>(`SELECT COUNT(*) AS n FROM migrations`);
    await dataSource.undoLastMigration({ transaction: 'each' });
    process.stdout.write(
      `Reverted the last migration (${JSON.stringify(before)} applied before)\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(
    `migration:revert failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
