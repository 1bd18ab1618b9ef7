/** What a request spent its time on; the cache and the database add to it as they run. */
export type TimingMetric = "db" | "cache";

const DESCRIPTIONS: Record<TimingMetric, [one: string, many: string]> = {
  db: ["query", "queries"],
  cache: ["lookup", "lookups"],
};

const METRICS = Object.keys(DESCRIPTIONS) as TimingMetric[];

interface Total {
  durationMs: number;
  count: number;
}

/**
 * Sums the time of each metric over one request, for the `Server-Timing` header that browser
 * dev tools and RUM tools display. Concurrent operations are added up, so a metric can exceed
 * the request's own duration.
 */
export class ServerTimings {
  private readonly totals = new Map<TimingMetric, Total>();

  add(metric: TimingMetric, durationMs: number): void {
    const total = this.totals.get(metric) ?? { durationMs: 0, count: 0 };
    total.durationMs += durationMs;
    total.count += 1;
    this.totals.set(metric, total);
  }

  get(metric: TimingMetric): Total {
    return this.totals.get(metric) ?? { durationMs: 0, count: 0 };
  }

  /** `db;dur=12.3;desc="3 queries", cache;dur=0.4;desc="1 lookup", total;dur=40.1` */
  toHeader(totalMs: number): string {
    let header = "";
    for (const metric of METRICS) header += `${this.entry(metric)}, `;
    return `${header}total;dur=${round(totalMs)}`;
  }

  private entry(metric: TimingMetric): string {
    const { durationMs, count } = this.get(metric);
    const [one, many] = DESCRIPTIONS[metric];
    return `${metric};dur=${round(durationMs)};desc="${count} ${count === 1 ? one : many}"`;
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
