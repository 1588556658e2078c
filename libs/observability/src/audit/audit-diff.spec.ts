import { auditDiff } from './audit-diff';

describe('auditDiff', () => {
  it('lists only changed fields of an update', () => {
    expect(auditDiff({ name: 'a', colour: '#000000' }, { name: 'b', colour: '#000000' })).toEqual({
      name: { before: 'a', after: 'b' },
    });
  });

  it('shows every field of a create as after-only and of a delete as before-only', () => {
    expect(auditDiff(null, { name: 'a' })).toEqual({ name: { after: 'a' } });
    expect(auditDiff({ name: 'a' }, null)).toEqual({ name: { before: 'a' } });
  });

  it('never carries secret values', () => {
    const diff = auditDiff(
      { passwordHash: 'old-hash', email: 'a@x' },
      { passwordHash: 'new-hash', email: 'a@x' },
    );
    expect(diff).toEqual({ passwordHash: { before: '[REDACTED]', after: '[REDACTED]' } });
    expect(JSON.stringify(auditDiff(null, { refresh_token: 'tok', api_key: 'k' }))).not.toMatch(
      /tok"|"k"/,
    );
  });

  it('compares dates by value', () => {
    const d = new Date('2026-01-01T00:00:00Z');
    expect(auditDiff({ at: d }, { at: new Date(d.getTime()) })).toEqual({});
  });
});
