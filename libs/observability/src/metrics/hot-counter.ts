import { HotMetric, MetricData } from './hot-metric';

/** A counter series: what `HotCounter.labels(...)` returns, to keep and increment. */
export class CounterSeries {
  value = 0;
  /** Incremented since creation or the last reset (prom-client exposes only those). */
  touched = false;

  constructor(readonly labels: Readonly<Record<string, string>>) {}

  inc(by = 1): void {
    if (!Number.isFinite(by)) throw new TypeError(`Value is not a valid number: ${by}`);
    if (by < 0) throw new Error('It is not possible to decrease a counter');
    this.value += by;
    this.touched = true;
  }
}

type CounterSample = { value: number; labels: Readonly<Record<string, string>> };

/**
 * A labelled Prometheus counter for what is counted on every request (cache hits and misses):
 * `labels(...)` gives a series to keep, whose `inc` is an addition (see HotMetric).
 */
export class HotCounter extends HotMetric<CounterSeries> {
  readonly type = 'counter';

  get(): Promise<MetricData<CounterSample>> {
    const values: CounterSample[] = [];
    for (const series of this.allSeries()) {
      if (series.touched) values.push({ value: series.value, labels: series.labels });
    }
    return this.data(values);
  }

  reset(): void {
    for (const series of this.allSeries()) {
      series.value = 0;
      series.touched = false;
    }
  }

  protected makeSeries(labels: Readonly<Record<string, string>>): CounterSeries {
    return new CounterSeries(labels);
  }
}
