import { HotMetric, MetricData } from './hot-metric';

/** One exposed sample, in the shape prom-client's registry formats. */
interface Sample {
  labels: Record<string, string | number>;
  sharedLabels?: Record<string, string>;
  value: number;
  metricName: string;
}

/** A histogram series: what `HotHistogram.labels(...)` returns, to keep and observe into. */
export class HistogramSeries {
  /** Observations per bucket (not cumulative); the last slot counts those above every bound. */
  private readonly perBucket: Float64Array;
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Readonly<Record<string, string>>,
    private readonly upperBounds: readonly number[],
  ) {
    this.perBucket = new Float64Array(upperBounds.length + 1);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    const bounds = this.upperBounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]) i++;
    this.perBucket[i]++;
    this.sum += value;
    this.count++;
  }

  samples(name: string): Sample[] {
    const out: Sample[] = [];
    let cumulative = 0;
    for (let i = 0; i < this.upperBounds.length; i++) {
      cumulative += this.perBucket[i];
      out.push({
        labels: { le: this.upperBounds[i] },
        sharedLabels: this.labels,
        value: cumulative,
        metricName: `${name}_bucket`,
      });
    }
    out.push(
      {
        labels: { le: '+Inf' },
        sharedLabels: this.labels,
        value: this.count,
        metricName: `${name}_bucket`,
      },
      { labels: {}, sharedLabels: this.labels, value: this.sum, metricName: `${name}_sum` },
      { labels: {}, sharedLabels: this.labels, value: this.count, metricName: `${name}_count` },
    );
    return out;
  }

  reset(): void {
    this.perBucket.fill(0);
    this.sum = 0;
    this.count = 0;
  }
}

/**
 * A labelled Prometheus histogram for what is recorded on every request (HTTP and SQL timings):
 * `labels(...)` gives a series to keep, whose `observe` is a bucket search and three additions
 * (see HotMetric). Series never observed (or reset) are not exposed, as with prom-client.
 */
export class HotHistogram extends HotMetric<HistogramSeries> {
  readonly type = 'histogram';
  private readonly upperBounds: readonly number[];

  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    buckets: readonly number[],
  ) {
    super(name, help, labelNames);
    this.upperBounds = [...buckets].sort((a, b) => a - b);
  }

  /** For the registry's text exposition. */
  getForPromString(): Promise<MetricData<Sample>> {
    const values: Sample[] = [];
    for (const series of this.allSeries()) {
      if (series.count > 0) values.push(...series.samples(this.name));
    }
    return this.data(values);
  }

  /** For the registry's JSON: each sample's labels include its series' labels. */
  async get(): Promise<MetricData<Sample>> {
    const metric = await this.getForPromString();
    return {
      ...metric,
      values: metric.values.map(({ labels, sharedLabels, ...rest }) => ({
        ...rest,
        labels: { ...sharedLabels, ...labels },
      })),
    };
  }

  reset(): void {
    for (const series of this.allSeries()) series.reset();
  }

  protected makeSeries(labels: Readonly<Record<string, string>>): HistogramSeries {
    return new HistogramSeries(labels, this.upperBounds);
  }
}
