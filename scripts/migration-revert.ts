import { MigrationExecutor } from 'typeorm';

import { buildDataSourceOptions, createDataSource } from '@app/database';

import { cliConfig } from './cli-config';

/** `npm run migration:revert`: undoes the last applied migration. */
async function main(): Promise<void> {
  const dataSource = await createDataSource(buildDataSourceOptions(cliConfig())).initialize();
  try {
    // Read through TypeORM (its migrations table, in the configured schema; absent on a fresh
    // database), newest first: the one undoLastMigration reverts.
    const executed = await new MigrationExecutor(dataSource).getExecutedMigrations();
    const last = executed[0];
    if (!last) {
      process.stdout.write('No applied migrations: nothing to revert\n');
      return;
    }
    await dataSource.undoLastMigration({ transaction: 'each' });
    process.stdout.write(`Reverted ${last.name} (${executed.length - 1} still applied)\n`);
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
