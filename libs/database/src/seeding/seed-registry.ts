import { Injectable } from '@nestjs/common';

/** Turns a seed row into what is inserted (e.g. hashes a demo user's password). */
export type SeedRowPreparer = (row: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** Feature modules register how their seed rows are prepared; the runner stays generic. */
@Injectable()
export class SeedRegistry {
  private readonly preparers = new Map<string, SeedRowPreparer>();

  registerPreparer(entity: string, preparer: SeedRowPreparer): void {
    this.preparers.set(entity, preparer);
  }

  preparerFor(entity: string): SeedRowPreparer | undefined {
    return this.preparers.get(entity);
  }
}
