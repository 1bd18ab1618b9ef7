import { readFileSync } from "node:fs";

/** What the benchmark captured from the app, in the file BENCH_CEILING_DATA names. */
export interface CeilingData {
  api: { contentType: string; body: string };
  /** The feed page's props, as the app's static page serves them (`/_next/data/…`). */
  feedPageProps: Record<string, unknown>;
}

export function readCeilingData(): CeilingData {
  const file = process.env.BENCH_CEILING_DATA;
  if (!file) throw new Error("BENCH_CEILING_DATA must name the file the benchmark wrote");
  return JSON.parse(readFileSync(file, "utf8")) as CeilingData;
}
