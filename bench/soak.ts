/**
 * Issue 8's memory check, judged: RSS samples of the cache-hit scenario, minute 1 counted as
 * warm-up.
 *
 * Under load RSS is a saw: the old generation fills with what young collections promote, a full
 * collection brings it back down; since the rate-limit fix (decision 035) one cycle takes one to
 * three minutes. What the process keeps is what is left after a collection, and a leak lifts
 * that. So each minute's lowest sample (its floor) is taken, and growth is the least-squares
 * trend of the floors after minute 1 carried over those minutes, against the trend's value at
 * their start: a steady leak reads in full (comparing two of the floors read half to three
 * quarters of it). Each minute's highest sample is trended the same way and reported, not judged:
 * whether a minute holds a cycle's top is chance when cycles are this long (docs/performance.md,
 * "How memory growth is judged").
 */

import { median } from './stats';

/** One minute of the soak: its lowest, median and highest RSS sample (MB). */
export interface SoakMinute {
  floor: number;
  median: number;
  peak: number;
}

/** What the soak measured; growth_pct is floor_growth_pct (ceiling_growth_pct is reported). */
export interface Soak {
  seconds: number;
  sample_ms: number;
  samples_mb: number[];
  minutes: SoakMinute[];
  /** How many of the first minutes are left out as warm-up (1, or 0 in a soak under 3 minutes). */
  warmup_minutes: number;
  floor_growth_pct: number;
  ceiling_growth_pct: number;
  growth_pct: number;
}

const growthPct = (from: number, to: number) =>
  from > 0 ? Math.round(((to - from) / from) * 1000) / 10 : 0;

/** The least-squares trend of one value per minute, carried over all of them, in %. */
export function trendGrowthPct(perMinute: number[]): number {
  const n = perMinute.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = perMinute.reduce((sum, y) => sum + y, 0) / n;
  let covariance = 0;
  let variance = 0;
  perMinute.forEach((y, x) => {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  });
  const slope = covariance / variance;
  const start = meanY - meanX * slope;
  return growthPct(start, start + slope * n);
}

/** Each minute's floor / median / peak, e.g. `196/201/212, 202/209/241`. */
export const minutesText = (minutes: SoakMinute[]) =>
  minutes.map((m) => `${m.floor}/${m.median}/${m.peak}`).join(', ');

/** Judges RSS samples (MB) taken every `sampleMs` over `seconds` of load. */
export function judgeSoak(samples: number[], sampleMs: number, seconds: number): Soak {
  if (samples.length < 2) throw new Error(`the soak took ${samples.length} sample(s)`);
  // The timer may fire once less than the duration allows: minutes are equal shares of the samples.
  const count = Math.max(1, Math.round((samples.length * sampleMs) / 60_000));
  const minutes: SoakMinute[] = [];
  for (let i = 0; i < count; i++) {
    const minute = samples.slice(
      Math.floor((i * samples.length) / count),
      Math.floor(((i + 1) * samples.length) / count),
    );
    minutes.push({ floor: Math.min(...minute), median: median(minute), peak: Math.max(...minute) });
  }
  const warmup = count >= 3 ? 1 : 0;
  const judged = minutes.slice(warmup);
  const floorGrowth = trendGrowthPct(judged.map((m) => m.floor));
  return {
    seconds,
    sample_ms: sampleMs,
    samples_mb: samples,
    minutes,
    warmup_minutes: warmup,
    floor_growth_pct: floorGrowth,
    ceiling_growth_pct: trendGrowthPct(judged.map((m) => m.peak)),
    growth_pct: floorGrowth,
  };
}
