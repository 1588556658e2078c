import { join } from 'node:path';

import { loadConfigFromProcess } from '@app/core';

import { buildDataSourceOptions } from './data-source-options';
import { createDataSource } from './database.module';

/** For the TypeORM CLI (`npm run migration:generate`): the configured database and all entities. */
const config = loadConfigFromProcess();

export default createDataSource({
  ...buildDataSourceOptions(config),
  entities: [
    join(__dirname, '..', '..', '..', 'apps', '*', 'src', '**', '*.entity.{ts,js}'),
    // Libraries that own tables (not libs/schematics, whose templates look like entities).
    join(__dirname, '..', '..', '{observability,idempotency}', 'src', '**', '*.entity.{ts,js}'),
  ],
});
