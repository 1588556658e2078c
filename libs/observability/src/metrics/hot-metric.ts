/** What a prom-client Registry reads of a metric. */
export interface MetricData<V> {
  name: string;
  help: string;
  type: string;
  aggregator: string;
  values: V[];
}

/**
 * Base of the labelled Prometheus metrics recorded on every request (HotHistogram, HotCounter).
 * They register in a prom-client Registry and are exposed exactly as prom-client's own (parity
 * tests), but each series is made once — `labels(...)`, kept by the caller — so recording into it
 * is plain arithmetic: prom-client's labelled calls validate and hash the labels and allocate on
 * every call (~1 µs of a ~50 µs cached read, issue 8).
 */
export abstract class HotMetric<S> {
  abstract readonly type: string;
  readonly aggregator = 'sum';
  private readonly series = new Map<string, S>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[],
  ) {}

  /** The series of these label values (in `labelNames` order), made on first use. */
  labels(...values: string[]): S {
    const key = values.join('\u0000');
    let found = this.series.get(key);
    if (found === undefined) {
      if (values.length !== this.labelNames.length) {
        throw new Error(`${this.name} takes labels ${this.labelNames.join(', ')}`);
      }
      found = this.makeSeries(Object.fromEntries(this.labelNames.map((n, i) => [n, values[i]])));
      this.series.set(key, found);
    }
    return found;
  }

  /** Zeroes every series (kept series objects stay valid). */
  abstract reset(): void;

  protected abstract makeSeries(labels: Readonly<Record<string, string>>): S;

  protected allSeries(): IterableIterator<S> {
    return this.series.values();
  }

  protected data<V>(values: V[]): Promise<MetricData<V>> {
    return Promise.resolve({
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values,
    });
  }
}
