import { Histogram, Metric, Registry } from 'prom-client';

import { HotHistogram } from './hot-histogram';

const BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1];
const OBSERVED: [string, string, string, number][] = [
  ['GET', '/api/v1/workflows/:id', '200', 0.0004],
  ['GET', '/api/v1/workflows/:id', '200', 0.005], // on a bound: that bucket
  ['GET', '/api/v1/workflows/:id', '200', 0.3],
  ['POST', '/api/v1/review-requests', '201', 0.02],
  ['GET', '/api/v1/workflows/:id', '404', 7], // above every bound: +Inf only
  ['GET', 'unmatched "route"\\', '404', 0.002], // label values are escaped
];

/** The same observations through prom-client's Histogram and through HotHistogram. */
function both() {
  const reference = new Registry();
  const plain = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests',
    labelNames: ['method', 'route', 'status_code'],
    buckets: BUCKETS,
    registers: [reference],
  });
  const ours = new Registry();
  const hot = new HotHistogram(
    'http_request_duration_seconds',
    'HTTP requests',
    ['method', 'route', 'status_code'],
    BUCKETS,
  );
  ours.registerMetric(hot as unknown as Metric);
  for (const [method, route, status, seconds] of OBSERVED) {
    plain.labels(method, route, status).observe(seconds);
    hot.labels(method, route, status).observe(seconds);
  }
  return { reference, ours, hot };
}

describe('HotHistogram', () => {
  it('is exposed exactly as prom-client exposes its own Histogram', async () => {
    const { reference, ours } = both();
    expect(await ours.metrics()).toBe(await reference.metrics());
  });

  it('gives the registry the same JSON as well (exemplars aside: none are recorded)', async () => {
    const { reference, ours } = both();
    const withoutExemplars = (metrics: Awaited<ReturnType<Registry['getMetricsAsJSON']>>) =>
      metrics.map((m) => ({
        ...m,
        values: (m.values as Record<string, unknown>[]).map(({ exemplar: _none, ...v }) => v),
      }));
    expect(await ours.getMetricsAsJSON()).toEqual(
      withoutExemplars(await reference.getMetricsAsJSON()),
    );
  });

  it('keeps one series per label values; a kept series survives a reset', async () => {
    const { hot, ours } = both();
    const series = hot.labels('GET', '/x', '200');
    expect(hot.labels('GET', '/x', '200')).toBe(series);
    ours.resetMetrics();
    expect(await ours.metrics()).not.toContain('route=');
    series.observe(0.2);
    expect(await ours.metrics()).toContain(
      'http_request_duration_seconds_count{method="GET",route="/x",status_code="200"} 1',
    );
  });

  it('refuses the wrong number of labels and values that are not numbers', () => {
    const { hot } = both();
    expect(() => hot.labels('GET')).toThrow(/takes labels method, route, status_code/);
    expect(() => hot.labels('GET', '/x', '200').observe(Number.NaN)).toThrow(TypeError);
  });
});
