import { judgeSoak, trendGrowthPct } from './soak';

/** Samples every 0.5 s for `minutes`, each from `at(seconds)`. */
const sampled = (minutes: number, at: (s: number) => number): number[] =>
  Array.from({ length: minutes * 120 }, (_, i) => Math.round(at(i / 2)));

/** A saw: `bottom` after each full collection, rising to `top` over `cycleS` seconds. */
const saw =
  (bottom: number, top: number, cycleS: number, phaseS = 0) =>
  (s: number): number =>
    bottom + ((top - bottom) * ((s + phaseS) % cycleS)) / cycleS;

describe('trendGrowthPct', () => {
  it('carries a steady rise over all the minutes given', () => {
    expect(trendGrowthPct([200, 202, 204, 206])).toBe(4); // 8 MB over 4 minutes from 200
  });

  it('reads no growth from a level, or from fewer than two minutes', () => {
    expect(trendGrowthPct([200, 200, 200])).toBe(0);
    expect(trendGrowthPct([200])).toBe(0);
  });
});

describe('judgeSoak', () => {
  it('cuts the samples into minutes and judges the floors after minute 1', () => {
    const soak = judgeSoak(
      sampled(5, (s) => 200 + Math.floor(s / 60)),
      500,
      300,
    );

    expect(soak.minutes.map((m) => m.floor)).toEqual([200, 201, 202, 203, 204]);
    expect(soak.warmup_minutes).toBe(1);
    expect(soak.growth_pct).toBe(2); // 201 → 205 over the four minutes after warm-up
  });

  it('judges the floors, not the peaks: cycle tops held only by the last minutes do not count', () => {
    // Warm-up, then two minutes of ripple (195–205 MB), then two of a saw from 195 to 276 MB:
    // the peaks rise with where the tops fall, the bottom stays at 195.
    const soak = judgeSoak(
      sampled(5, (s) => {
        if (s < 60) return 224 + s;
        if (s < 180) return 195 + (10 * (s % 20)) / 20;
        return 195 + (81 * (s % 60)) / 60;
      }),
      500,
      300,
    );

    expect(soak.minutes.slice(1).map((m) => m.floor)).toEqual([195, 195, 195, 195]);
    expect(soak.ceiling_growth_pct).toBeGreaterThan(10);
    expect(soak.growth_pct).toBe(0);
  });

  it('finds a steady leak in full: a bottom rising 12 % after the warm-up reads over 10 %', () => {
    // 3 % per minute on a 20 s saw: 12 % over minutes 2–5.
    const leaking = (s: number) => saw(195, 230, 20)(s) * (1 + (0.03 * s) / 60);
    const soak = judgeSoak(sampled(5, leaking), 500, 300);

    expect(soak.growth_pct).toBeGreaterThan(10);
  });

  it('counts a sample fewer than the duration allows as the same five minutes', () => {
    const soak = judgeSoak(sampled(5, () => 200).slice(1), 500, 300);

    expect(soak.minutes).toHaveLength(5);
    expect(soak.growth_pct).toBe(0);
  });

  it('judges every minute of a soak under three minutes, and no growth from one minute', () => {
    const twoMinutes = judgeSoak(
      sampled(2, (s) => (s < 60 ? 200 : 210)),
      500,
      120,
    );
    expect(twoMinutes.warmup_minutes).toBe(0);
    expect(twoMinutes.growth_pct).toBe(10);

    expect(judgeSoak([200, 210, 220], 500, 2).growth_pct).toBe(0);
  });

  it('refuses a soak with fewer than two samples', () => {
    expect(() => judgeSoak([200], 500, 1)).toThrow('the soak took 1 sample(s)');
  });
});
