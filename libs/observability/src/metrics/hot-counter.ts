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

/**
 * A labelled Prometheus counter for what is counted on every request (cache hits and misses), on
 * the pattern of HotHistogram: a series is made once and kept by the caller, `inc` is an addition,
 * and the registry exposes it exactly as prom-client's Counter (parity tests).
 */
export class HotCounter {
  readonly type = 'counter';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, CounterSeries>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[],
  ) {}

  /** The series of these label values (in `labelNames` order), made on first use. */
  labels(...values: string[]): CounterSeries {
    const key = values.join('\u0000');
    let found = this.series.get(key);
    if (found === undefined) {
      if (values.length !== this.labelNames.length) {
        throw new Error(`${this.name} takes labels ${this.labelNames.join(', ')}`);
      }
      found = new CounterSeries(Object.fromEntries(this.labelNames.map((n, i) => [n, values[i]])));
      this.series.set(key, found);
    }
    return found;
  }

  get(): Promise<{
    name: string;
    help: string;
    type: string;
    aggregator: string;
    values: { value: number; labels: Record<string, string> }[];
  }> {
    const values: { value: number; labels: Record<string, string> }[] = [];
    for (const series of this.series.values()) {
      if (series.touched) values.push({ value: series.value, labels: series.labels });
    }
    return Promise.resolve({
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values,
    });
  }

  /** Zeroes every series (kept series objects stay valid). */
  reset(): void {
    for (const series of this.series.values()) {
      series.value = 0;
      series.touched = false;
    }
  }
}
