import { controlEnv, instructionsOf, newestDump } from './callgrind';

describe('instructionsOf', () => {
  it('reads the totals line of a dump', () => {
    const dump =
      'version: 1\nevents: Ir\nsummary: 120\n\nfn=(1) main\n0 120\n\ntotals: 1378756686\n';
    expect(instructionsOf(dump)).toBe(1378756686);
  });

  it('falls back to the summary line', () => {
    expect(instructionsOf('version: 1\npart: 5\nevents: Ir\nsummary: 987654\n\nfn=(1) f\n')).toBe(
      987654,
    );
  });

  it('refuses a file that is not a dump', () => {
    expect(() => instructionsOf('hello')).toThrow('not a callgrind dump');
  });
});

describe('newestDump', () => {
  it('takes the highest dump number of the given base, not the highest name', () => {
    const files = ['api.cg.9', 'api.cg.10', 'api.cg.log', 'api.cg', 'baseline.cg.11', 'api.cg.2'];
    expect(newestDump(files, 'api.cg')).toBe('api.cg.10');
  });

  it('finds nothing before the first dump', () => {
    expect(newestDump(['api.cg', 'api.cg.log'], 'api.cg')).toBeUndefined();
  });
});

describe('controlEnv', () => {
  it("takes USER, LOGNAME and HOST from the target's environment, present or not", () => {
    const saved = { ...process.env };
    process.env.HOST = 'from-the-shell';
    process.env.USER = 'me';
    delete process.env.LOGNAME;
    try {
      const env = controlEnv({ HOST: '127.0.0.1', LOGNAME: 'svc' });
      expect(env.HOST).toBe('127.0.0.1');
      expect(env.LOGNAME).toBe('svc');
      expect(env).not.toHaveProperty('USER');
      expect(env.PATH).toBe(process.env.PATH);
    } finally {
      process.env = saved;
    }
  });
});
