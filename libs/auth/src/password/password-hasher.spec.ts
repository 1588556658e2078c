import * as argon2 from 'argon2';

import { ARGON2_OPTIONS, PasswordHasher, unmatchableHash } from './password-hasher';

/** A hash's parameters and the lengths of its salt and hash: what verifying it costs. */
const shape = (hash: string) => {
  const [, id, version, params, salt, digest] = hash.split('$');
  return { id, version, params, saltLength: salt.length, hashLength: digest.length };
};

describe('unmatchableHash', () => {
  it('has the shape of a real hash: parameters, salt and hash lengths', async () => {
    const real = await argon2.hash('correct-Horse-battery-st4ple', ARGON2_OPTIONS);
    expect(shape(unmatchableHash())).toEqual(shape(real));
  });

  it('is accepted by argon2.verify, which runs the hash and answers false', async () => {
    // A malformed hash would make verify throw at once: no time spent, a timing leak.
    await expect(argon2.verify(unmatchableHash(), 'any-password-at-all')).resolves.toBe(false);
  });

  it('differs every time (a random salt and digest)', () => {
    expect(unmatchableHash()).not.toBe(unmatchableHash());
  });
});

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id and verifies', async () => {
    const hash = await hasher.hash('correct-Horse-battery-st4ple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify(hash, 'correct-Horse-battery-st4ple')).toBe(true);
    expect(await hasher.verify(hash, 'correct-Horse-battery-st4plE')).toBe(false);
  });

  it('salts: the same password hashes differently', async () => {
    expect(await hasher.hash('same-password-1234')).not.toBe(
      await hasher.hash('same-password-1234'),
    );
  });

  it('treats a malformed hash as a failed verification', async () => {
    expect(await hasher.verify('not-a-hash', 'whatever')).toBe(false);
  });

  it('asks for a rehash of hashes made with other parameters', async () => {
    const current = await hasher.hash('x'.repeat(12));
    expect(hasher.needsRehash(current)).toBe(false);
    expect(
      hasher.needsRehash(
        '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      ),
    ).toBe(true);
  });

  it('spends about the time of a real verification on the dummy hash', async () => {
    const hash = await hasher.hash('correct-Horse-battery-st4ple');
    const time = async (fn: () => Promise<unknown>) => {
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = process.hrtime.bigint();
        await fn();
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      return samples.sort((a, b) => a - b)[2];
    };
    const real = await time(() => hasher.verify(hash, 'wrong-password-123'));
    const dummy = await time(() => hasher.verifyDummy('wrong-password-123'));
    expect(await hasher.verifyDummy('anything')).toBe(false);
    expect(dummy / real).toBeGreaterThan(0.5);
    expect(dummy / real).toBeLessThan(2);
  });
});
