import { randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/**
 * argon2id with OWASP's baseline parameters (19 MiB, 2 passes, 1 lane): about 20–40 ms per hash
 * here. Raising them later is safe: `needsRehash` upgrades each hash at the user's next sign-in.
 */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  hashLength: 32,
} as const;

/** argon2's salt length: `hash()` always draws 16 random bytes. */
const SALT_BYTES = 16;

/**
 * A hash in the format `argon2.hash` writes, with ARGON2_OPTIONS' parameters, a random salt and
 * random bytes where the hash goes: verifying a password against it costs what verifying against
 * a real hash costs, and fails (no password hashes to 32 random bytes). It needs no hashing to
 * make, so the service starts without spending a hash on it.
 */
export function unmatchableHash(): string {
  const b64 = (bytes: number): string => randomBytes(bytes).toString('base64').replace(/=+$/, '');
  const { memoryCost: m, timeCost: t, parallelism: p, hashLength } = ARGON2_OPTIONS;
  return `$argon2id$v=19$m=${m},t=${t},p=${p}$${b64(SALT_BYTES)}$${b64(hashLength)}`;
}

@Injectable()
export class PasswordHasher {
  /** Verified against when the email is unknown, so that it takes as long as a known one. */
  private readonly dummyHash = unmatchableHash();

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  /** False for a wrong password and for a malformed hash alike. */
  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the time of one verification and always fails: for unknown accounts. */
  async verifyDummy(password: string): Promise<false> {
    await this.verify(this.dummyHash, password);
    return false;
  }

  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, ARGON2_OPTIONS);
    } catch {
      return true;
    }
  }
}
