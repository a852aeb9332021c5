/**
 * Counters, gauges and histograms written in the Prometheus text exposition format (version 0.0.4). prom-client is
 * Node-only (it reads process and perf_hooks); this writer uses nothing but the language, so Node and Workers
 * serve the same /metrics. Values live in memory: per process on Node, per isolate on Workers.
 */

type Labels = Record<string, string>;
type MetricType = "counter" | "gauge" | "histogram";

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The content type Prometheus expects for the text format. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const escapeHelp = (text: string) => text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
const escapeLabelValue = (text: string) => text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/** A sample value as the format spells it: NaN, +Inf, -Inf or a Go-parsable float. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

function labelText(names: readonly string[], values: readonly string[], extra: Array<[string, string]> = []): string {
  const pairs: Array<[string, string]> = [...names.map((name, index): [string, string] => [name, values[index]]), ...extra];
  return pairs.length ? `{${pairs.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(",")}}` : "";
}

abstract class Metric<Series> {
  protected readonly series = new Map<string, { values: string[]; data: Series }>();
  constructor(readonly name: string, readonly help: string, readonly type: MetricType, readonly labelNames: readonly string[]) {
    if (!METRIC_NAME.test(name)) throw new Error(`invalid metric name: ${name}`);
    for (const label of labelNames) if (!LABEL_NAME.test(label) || label.startsWith("__") || label === "le") throw new Error(`invalid label name: ${label}`);
  }

  private valuesOf(labels: Labels): string[] {
    return this.labelNames.map((name) => {
      const value = labels[name];
      if (value === undefined) throw new Error(`${this.name}: label ${name} missing`);
      return value;
    });
  }

  protected entry(labels: Labels, create: () => Series): Series {
    const values = this.valuesOf(labels);
    const key = JSON.stringify(values);
    let found = this.series.get(key);
    if (!found) this.series.set(key, (found = { values, data: create() }));
    return found.data;
  }

  /** The series of these labels, if it has been touched. */
  protected find(labels: Labels): Series | undefined {
    return this.series.get(JSON.stringify(this.valuesOf(labels)))?.data;
  }

  /** Forget every series (an info metric whose labels changed). */
  reset(): void {
    this.series.clear();
  }

  /** The HELP and TYPE lines, then the samples. */
  write(lines: string[]): void {
    lines.push(`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`);
    for (const { values, data } of this.series.values()) this.samples(values, data, lines);
  }

  protected abstract samples(values: string[], data: Series, lines: string[]): void;
}

/** A value that only goes up. Name it `…_total`. */
export class Counter extends Metric<{ value: number }> {
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, "counter", labelNames);
  }
  inc(labels: Labels = {}, amount = 1): void {
    if (!(amount >= 0)) throw new Error(`${this.name}: a counter cannot decrease`);
    this.entry(labels, () => ({ value: 0 })).value += amount;
  }
  get(labels: Labels = {}): number {
    return this.find(labels)?.value ?? 0;
  }
  protected samples(values: string[], data: { value: number }, lines: string[]): void {
    lines.push(`${this.name}${labelText(this.labelNames, values)} ${formatValue(data.value)}`);
  }
}

/** A value that goes up and down. */
export class Gauge extends Metric<{ value: number }> {
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, "gauge", labelNames);
  }
  set(labels: Labels, value: number): void {
    this.entry(labels, () => ({ value: 0 })).value = value;
  }
  inc(labels: Labels = {}, amount = 1): void {
    this.entry(labels, () => ({ value: 0 })).value += amount;
  }
  dec(labels: Labels = {}, amount = 1): void {
    this.inc(labels, -amount);
  }
  protected samples(values: string[], data: { value: number }, lines: string[]): void {
    lines.push(`${this.name}${labelText(this.labelNames, values)} ${formatValue(data.value)}`);
  }
}

interface HistogramSeries {
  counts: number[];
  sum: number;
  count: number;
}

/** Observations counted into cumulative `le` buckets, with `_sum` and `_count`. */
export class Histogram extends Metric<HistogramSeries> {
  readonly buckets: readonly number[];
  constructor(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]) {
    super(name, help, "histogram", labelNames);
    this.buckets = [...buckets].sort((a, b) => a - b).filter((bound) => Number.isFinite(bound));
  }
  observe(labels: Labels, value: number): void {
    const series = this.entry(labels, () => ({ counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    this.buckets.forEach((bound, index) => {
      if (value <= bound) series.counts[index]++;
    });
    series.sum += value;
    series.count++;
  }
  protected samples(values: string[], data: HistogramSeries, lines: string[]): void {
    this.buckets.forEach((bound, index) => {
      lines.push(`${this.name}_bucket${labelText(this.labelNames, values, [["le", formatValue(bound)]])} ${data.counts[index]}`);
    });
    lines.push(`${this.name}_bucket${labelText(this.labelNames, values, [["le", "+Inf"]])} ${data.count}`);
    lines.push(`${this.name}_sum${labelText(this.labelNames, values)} ${formatValue(data.sum)}`);
    lines.push(`${this.name}_count${labelText(this.labelNames, values)} ${data.count}`);
  }
}

/** The metrics of one process (or isolate), written together. */
export class Registry {
  private readonly metrics: Array<Metric<unknown>> = [];
  register<M extends Metric<any>>(metric: M): M {
    if (this.metrics.some((known) => known.name === metric.name)) throw new Error(`metric registered twice: ${metric.name}`);
    this.metrics.push(metric);
    return metric;
  }
  /** The whole exposition, ending in a newline. */
  text(): string {
    const lines: string[] = [];
    for (const metric of this.metrics) metric.write(lines);
    return `${lines.join("\n")}\n`;
  }
}
