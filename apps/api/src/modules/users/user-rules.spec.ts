import type { AuthUser } from '@app/auth';

import { forbiddenSelfChange } from './user-rules';

const admin: AuthUser = { id: '7', role: 'admin', tokenId: 't' };

describe('forbiddenSelfChange', () => {
  it('stops an admin deleting, deactivating or demoting themself', () => {
    expect(forbiddenSelfChange(admin, '7', 'delete')).toBe('delete');
    expect(forbiddenSelfChange(admin, '7', { isActive: false })).toBe('deactivate');
    expect(forbiddenSelfChange(admin, '7', { role: 'author' })).toBe('change the role of');
  });

  it('allows harmless changes to oneself and anything on others', () => {
    expect(
      forbiddenSelfChange(admin, '7', { displayName: 'New', role: 'admin', isActive: true }),
    ).toBeUndefined();
    expect(forbiddenSelfChange(admin, '8', 'delete')).toBeUndefined();
    expect(forbiddenSelfChange(admin, '8', { isActive: false, role: 'author' })).toBeUndefined();
  });
});
