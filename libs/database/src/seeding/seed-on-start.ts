import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

import { AppConfig } from '@app/core';

import { SeedRunner } from './seed-runner';

/** Runs the idempotent seeds at boot when DB_SEED_ON_START is on (the zero-setup default). */
@Injectable()
export class SeedOnStart implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly seeds: SeedRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.DB_SEED_ON_START) await this.seeds.run();
  }
}
