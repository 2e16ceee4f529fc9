/**
 * A small Prometheus registry: counters, gauges read at scrape time, and summaries (sum and count)
 * for latencies. Enough for /metrics without a dependency.
 */
type Labels = Record<string, string>;

interface Series {
  labels: Labels;
  value: number;
}

export interface Metrics {
  increment(name: string, labels?: Labels, by?: number): void;
  /** Records one observation of a duration or size (exposed as _sum and _count). */
  observe(name: string, value: number, labels?: Labels): void;
  /** A value read when scraped (e.g. the re-query backlog). */
  gauge(name: string, help: string, read: () => Promise<Array<{ labels?: Labels; value: number }>>): void;
  describe(name: string, help: string): void;
  render(): Promise<string>;
}

export function createMetrics(prefix = 'shopbot_'): Metrics {
  const counters = new Map<string, Map<string, Series>>();
  const summaries = new Map<string, Map<string, { labels: Labels; sum: number; count: number }>>();
  const gauges = new Map<
    string,
    { help: string; read: () => Promise<Array<{ labels?: Labels; value: number }>> }
  >();
  const help = new Map<string, string>();
  // Called several times per update: the series' key is its label names (in order) and values,
  // joined by characters no label holds, with neither Object.entries nor JSON.
  const key = (labels: Labels) => {
    const names: string[] = [];
    for (const name in labels) names.push(name);
    if (names.length > 1) names.sort();
    let id = '';
    for (const name of names) id += `${name}\u0000${labels[name]}\u0001`;
    return id;
  };

  return {
    increment(name, labels = {}, by = 1) {
      let series = counters.get(name);
      if (!series) {
        series = new Map<string, Series>();
        counters.set(name, series);
      }
      const id = key(labels);
      const entry = series.get(id);
      if (entry) entry.value += by;
      else series.set(id, { labels, value: by });
    },
    observe(name, value, labels = {}) {
      let series = summaries.get(name);
      if (!series) {
        series = new Map();
        summaries.set(name, series);
      }
      const id = key(labels);
      const entry = series.get(id);
      if (entry) {
        entry.sum += value;
        entry.count += 1;
      } else series.set(id, { labels, sum: value, count: 1 });
    },
    gauge(name, text, read) {
      gauges.set(name, { help: text, read });
    },
    describe(name, text) {
      help.set(name, text);
    },
    async render() {
      const out: string[] = [];
      for (const [name, series] of counters) {
        out.push(`# HELP ${prefix}${name} ${help.get(name) ?? name}`, `# TYPE ${prefix}${name} counter`);
        for (const s of series.values()) out.push(`${prefix}${name}${formatLabels(s.labels)} ${s.value}`);
      }
      for (const [name, series] of summaries) {
        out.push(`# HELP ${prefix}${name} ${help.get(name) ?? name}`, `# TYPE ${prefix}${name} summary`);
        for (const s of series.values()) {
          out.push(`${prefix}${name}_sum${formatLabels(s.labels)} ${s.sum}`);
          out.push(`${prefix}${name}_count${formatLabels(s.labels)} ${s.count}`);
        }
      }
      for (const [name, gauge] of gauges) {
        out.push(`# HELP ${prefix}${name} ${gauge.help}`, `# TYPE ${prefix}${name} gauge`);
        try {
          for (const s of await gauge.read())
            out.push(`${prefix}${name}${formatLabels(s.labels ?? {})} ${s.value}`);
        } catch {
          // A gauge whose source is down is left out rather than failing the scrape.
        }
      }
      return `${out.join('\n')}\n`;
    },
  };
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  const escaped = entries.map(
    ([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
  );
  return `{${escaped.join(',')}}`;
}
