/**
 * One value per server process, kept on `globalThis` under a registered symbol. Next bundles
 * each route (and each page) separately, so a module-level `let` exists once per bundle: two
 * routes would get two database pools, two in-process caches (a write through one would not
 * invalidate the other's entries) and two request-context stores (the database client, made in
 * whichever bundle ran first, would not see the others' requests). In `next dev`, the value
 * also survives hot reloads. What must be per bundle (nothing today) stays a module `let`.
 * In the browser it is one value per page, for the same reason: webpack inlines a module into
 * each chunk that imports it (src/lib/auth/session-store.ts).
 */
interface ProcessSingleton<T> {
  /** The value, created on first use. */
  get(): T;
  /** Replaces it (scripts and tests that manage their own); `undefined` makes the next get() create one. */
  set(value: T | undefined): void;
}

export function processSingleton<T>(name: string, create: () => T): ProcessSingleton<T> {
  const key = Symbol.for(`scale-starter.${name}`);
  const slots = globalThis as unknown as Record<symbol, T | undefined>;
  return {
    get: () => (slots[key] ??= create()),
    set: (value) => {
      slots[key] = value;
    },
  };
}
