// What the app cache did since this instance started, per key family, for the admin console.
// Counted in the instance's memory on purpose: a shared counter would cost a store write on
// every read, the very round trip the cache exists to save (ADR 0105).

/** How one read went: served from the store, fetched (absent or stale), or the store failed. */
export type CacheReadOutcome = "hit" | "miss" | "error" | "timeout";

interface CacheFamilyStats {
  /** The keys' leading segments, e.g. `posts:feed`, `users`. */
  family: string;
  hits: number;
  misses: number;
  /** The store refused or failed the read: served from the source. */
  errors: number;
  /** The store did not answer within CACHE_TIMEOUT_MS: served from the source. */
  timeouts: number;
  reads: number;
  /** Reads served from the store, from 0 to 1; null before the first read. */
  hitRatio: number | null;
}

export interface CacheStatistics {
  store: "memory" | "upstash" | "disabled";
  /** When this instance's counting began. */
  since: Date;
  /** Busiest family first. */
  families: CacheFamilyStats[];
  total: CacheFamilyStats;
}

type Counts = Record<"hits" | "misses" | "errors" | "timeouts", number>;

const FIELD: Record<CacheReadOutcome, keyof Counts> = {
  hit: "hits",
  miss: "misses",
  error: "errors",
  timeout: "timeouts",
};

// Families come from the keys the code writes, a dozen or so; the cap only guards against a
// key shape built from input growing the table without end.
const MAX_FAMILIES = 100;
const OTHER = "(other)";
// The family of each key read lately: the same keys are read over and over, and splitting
// every one again would be most of what counting costs. Cleared when full (keys built from
// search terms and page numbers have no end).
const MAX_REMEMBERED_KEYS = 1_000;

/**
 * The family of a key: its first segment, plus the second when it names a kind of entry
 * rather than an id or a value (`posts:feed:p1:s20` → `posts:feed`, `users:12:profile` → `users`).
 */
export function keyFamily(key: string): string {
  const [first = "", second, ...rest] = key.split(":");
  return second !== undefined && rest.length > 0 && /^[a-z][a-z-]*$/.test(second) ? `${first}:${second}` : first;
}

function summarise(family: string, counts: Counts): CacheFamilyStats {
  const reads = counts.hits + counts.misses + counts.errors + counts.timeouts;
  return { family, ...counts, reads, hitRatio: reads === 0 ? null : counts.hits / reads };
}

export class CacheStats {
  readonly since = new Date();
  private readonly counts = new Map<string, Counts>();
  private readonly familyOfKey = new Map<string, string>();

  record(key: string, outcome: CacheReadOutcome): void {
    let family = this.familyOfKey.get(key);
    if (family === undefined) {
      if (this.familyOfKey.size >= MAX_REMEMBERED_KEYS) this.familyOfKey.clear();
      family = keyFamily(key);
      this.familyOfKey.set(key, family);
    }
    if (!this.counts.has(family) && this.counts.size >= MAX_FAMILIES) family = OTHER;
    let counts = this.counts.get(family);
    if (!counts) this.counts.set(family, (counts = { hits: 0, misses: 0, errors: 0, timeouts: 0 }));
    counts[FIELD[outcome]] += 1;
  }

  snapshot(store: CacheStatistics["store"]): CacheStatistics {
    const families = [...this.counts].map(([family, counts]) => summarise(family, counts));
    families.sort((a, b) => b.reads - a.reads || a.family.localeCompare(b.family));
    const total = { hits: 0, misses: 0, errors: 0, timeouts: 0 };
    for (const family of families) {
      for (const field of Object.values(FIELD)) total[field] += family[field];
    }
    return { store, since: this.since, families, total: summarise("all", total) };
  }
}
