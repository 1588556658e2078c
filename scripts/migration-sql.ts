import { loadMigrations, printMigrationsAsTsql } from '@app/database';

import { cliConfig } from './cli-config';

/**
 * `npm run migration:sql`: prints, without any server, the T-SQL each migration's `up` runs on
 * SQL Server in the configured DB_SCHEMA (default dbo), for DBA review.
 */
async function main(): Promise<void> {
  const config = cliConfig();
  const printed = await printMigrationsAsTsql(loadMigrations(), config.DB_SCHEMA);
  for (const migration of printed) {
    process.stdout.write(`-- ${migration.name}\n`);
    for (const statement of migration.statements) process.stdout.write(`${statement};\nGO\n`);
    process.stdout.write('\n');
  }
}

main().catch((error: unknown) => {
  console.error(`migration:sql failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
