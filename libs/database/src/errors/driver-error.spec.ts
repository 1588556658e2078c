import { QueryFailedError } from 'typeorm';

import { onUniqueViolation } from './driver-error';

const unique = () =>
  new QueryFailedError(
    'INSERT',
    [],
    Object.assign(new Error('x'), { name: 'SqliteError', code: 'SQLITE_CONSTRAINT_UNIQUE' }),
  );

describe('onUniqueViolation', () => {
  it('returns the result of a successful write', async () => {
    await expect(
      onUniqueViolation(
        async () => 7,
        () => new Error('no'),
      ),
    ).resolves.toBe(7);
  });

  it('turns a unique violation into the given error, with the cause', async () => {
    const cause = unique();
    await expect(
      onUniqueViolation(
        () => Promise.reject(cause),
        (c) => Object.assign(new Error('taken'), { c }),
      ),
    ).rejects.toMatchObject({ message: 'taken', c: cause });
  });

  it('lets every other error through unchanged', async () => {
    const other = new Error('disk full');
    await expect(
      onUniqueViolation(
        () => Promise.reject(other),
        () => new Error('taken'),
      ),
    ).rejects.toBe(other);
  });
});
