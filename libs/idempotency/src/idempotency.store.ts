import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';

import { insertedId, isUniqueViolation, TransactionRunner, touch } from '@app/database';

import { IdempotencyKey } from './idempotency-key.entity';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export type ClaimResult =
  { claimed: true; id: string } | { claimed: false; existing: IdempotencyKey };

/** Database side of idempotency: claim a key once, remember the response, forget after 24 h. */
@Injectable()
export class IdempotencyStore {
  constructor(
    @InjectRepository(IdempotencyKey) private readonly keys: Repository<IdempotencyKey>,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Inserts the key as in progress; the unique index makes exactly one concurrent caller win. */
  async claim(scope: string, key: string, fingerprint: string): Promise<ClaimResult> {
    const now = new Date();
    try {
      const id = await this.transactions.run(async (manager) => {
        const repo = manager.getRepository(IdempotencyKey);
        await repo.delete({ scope, key, expiresAt: LessThan(now) });
        const result = await repo.insert({
          scope,
          key,
          fingerprint,
          state: 'in_progress',
          responseStatus: null,
          responseBody: null,
          expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
        });
        return insertedId(result);
      });
      return { claimed: true, id };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.keys.findOneBy({ scope, key });
      if (!existing) return this.claim(scope, key, fingerprint); // expired and removed meanwhile
      return { claimed: false, existing };
    }
  }

  find(scope: string, key: string): Promise<IdempotencyKey | null> {
    return this.keys.findOneBy({ scope, key });
  }

  async complete(id: string, status: number, body: unknown): Promise<void> {
    await this.transactions.run((manager) =>
      manager.getRepository(IdempotencyKey).update(
        { id },
        touch({
          state: 'completed' as const,
          responseStatus: status,
          responseBody: JSON.stringify(body ?? null),
        }),
      ),
    );
  }

  /** The request failed: forget the key so the client may retry with it. */
  async release(id: string): Promise<void> {
    await this.transactions.run((manager) => manager.getRepository(IdempotencyKey).delete({ id }));
  }

  /** Housekeeping: drops expired keys (any scope). */
  async purgeExpired(): Promise<number> {
    const result = await this.transactions.run((manager) =>
      manager.getRepository(IdempotencyKey).delete({ expiresAt: LessThan(new Date()) }),
    );
    return result.affected ?? 0;
  }
}
