import { Counter, Metric, Registry } from 'prom-client';

import { HotCounter } from './hot-counter';

const COUNTED: [string, string, number][] = [
  ['workflow', 'hit', 1],
  ['auth', 'hit', 1],
  ['workflow', 'miss', 1],
  ['workflow', 'hit', 2.5],
  ['odd "kind"\\', 'miss', 0],
];

function both() {
  const reference = new Registry();
  const plain = new Counter({
    name: 'cache_requests_total',
    help: 'Cache lookups',
    labelNames: ['kind', 'result'],
    registers: [reference],
  });
  const ours = new Registry();
  const hot = new HotCounter('cache_requests_total', 'Cache lookups', ['kind', 'result']);
  ours.registerMetric(hot as unknown as Metric);
  for (const [kind, result, by] of COUNTED) {
    plain.labels(kind, result).inc(by);
    hot.labels(kind, result).inc(by);
  }
  return { reference, ours, hot };
}

describe('HotCounter', () => {
  it('is exposed exactly as prom-client exposes its own Counter, as text and as JSON', async () => {
    const { reference, ours } = both();
    expect(await ours.metrics()).toBe(await reference.metrics());
    expect(await ours.getMetricsAsJSON()).toEqual(await reference.getMetricsAsJSON());
  });

  it('keeps one series per label values; a kept series survives a reset', async () => {
    const { hot, ours } = both();
    const series = hot.labels('tag', 'hit');
    expect(hot.labels('tag', 'hit')).toBe(series);
    expect(await ours.metrics()).not.toContain('kind="tag"');
    ours.resetMetrics();
    expect(await ours.metrics()).not.toContain('kind="workflow"');
    series.inc();
    expect(await ours.metrics()).toContain('cache_requests_total{kind="tag",result="hit"} 1');
  });

  it('refuses a decrease, a value that is not a number and the wrong number of labels', () => {
    const { hot } = both();
    expect(() => hot.labels('tag', 'hit').inc(-1)).toThrow(/decrease/);
    expect(() => hot.labels('tag', 'hit').inc(Number.NaN)).toThrow(TypeError);
    expect(() => hot.labels('tag')).toThrow(/takes labels kind, result/);
  });
});
