import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FULL, parseBenchArgs, SMOKE } from "../../bench/config";
import { BenchCheckError, measure, median } from "../../bench/lib/measure";
import {
  bytes,
  claimRows,
  markdownTable,
  TABLE_END,
  TABLE_START,
  textTable,
  withLatestTable,
  machineLines,
  type BenchResults,
  type ClaimRow,
} from "../../bench/lib/report";
import { httpChartSvg } from "../../bench/lib/chart";
import { onCores, planCores } from "../../bench/lib/cores";
import { processGroupCpuSeconds, startProcess } from "../../bench/lib/processes";
import { combineRuns, load, warmupDue } from "../../bench/scenarios/http";

/** An HTTP figure of the benchmark, for the report's tests. */
const figure = (requestsPerSec: number) => ({ requestsPerSec, p50Ms: 1, p99Ms: 2, requests: 10, bytesPerResponse: 3 });

/** The results of a full run that measured only `http`. */
function fullRunWith(http: unknown): BenchResults {
  const machine = { database: { kind: "postgresql", version: "v" }, loadAverage: { start: 1 } };
  const scale = { users: 1, posts: 2, comments: 3, seedSeconds: 1 };
  return { mode: "full", machine, scale, runs: { warmup: 1, runs: 3 }, skipped: {}, http } as unknown as BenchResults;
}

describe("median", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });
});

describe("measure", () => {
  it("runs the warm-up, then the timed runs, one after the other", async () => {
    let calls = 0;
    let running = 0;
    const timing = await measure(
      async () => {
        calls++;
        running++;
        expect(running).toBe(1);
        await Promise.resolve();
        running--;
      },
      { warmup: 2, runs: 5 },
    );
    expect(calls).toBe(7);
    expect(timing.runs).toBe(5);
    expect(timing.minMs).toBeLessThanOrEqual(timing.medianMs);
    expect(timing.medianMs).toBeLessThanOrEqual(timing.maxMs);
  });
});

describe("measure with a setup step", () => {
  it("runs `before` ahead of every run, warm-up included", async () => {
    const calls: string[] = [];
    await measure(
      async () => {
        calls.push("task");
      },
      { warmup: 1, runs: 2 },
      async () => {
        calls.push("before");
      },
    );
    expect(calls).toEqual(["before", "task", "before", "task", "before", "task"]);
  });
});

describe("parseBenchArgs", () => {
  it("defaults to the article's scale and writes bench/results", () => {
    const args = parseBenchArgs([]);
    expect(args.profile).toBe(FULL);
    expect(FULL.scale.posts).toBe(100_000);
    expect(args).toMatchObject({ outDir: "bench/results", rebuild: true, skipHttp: false, updateDocs: true });
  });

  it("--smoke uses tiny data, writes nothing and reuses a build", () => {
    expect(parseBenchArgs(["--smoke"])).toMatchObject({
      profile: SMOKE,
      outDir: undefined,
      rebuild: false,
      updateDocs: false,
    });
  });

  it("reads flags with values and rejects unknown ones", () => {
    expect(parseBenchArgs(["--skip-http", "--out=tmp/x", "--note=shared = busy"])).toMatchObject({
      skipHttp: true,
      outDir: "tmp/x",
      note: "shared = busy",
      updateDocs: false,
    });
    expect(() => parseBenchArgs(["--fast"])).toThrow(/^unknown flag --fast$/);
  });
});

describe("report", () => {
  const rows: ClaimRow[] = [{ practice: "A2.2 | index", claim: "150×", measured: "28×", ratio: "0.19× the claim" }];

  it("prints aligned columns and escapes Markdown pipes", () => {
    expect(textTable(rows).split("\n")[2]).toMatch(/^A2\.2 \| index\s+150×\s+28×\s+0\.19× the claim$/);
    expect(markdownTable(rows)).toContain("| A2.2 \\| index | 150× | 28× | 0.19× the claim |");
  });

  it("replaces only the table between the markers of docs/benchmarks.md", () => {
    const results = {
      mode: "full",
      machine: {
        date: "d",
        cpu: "c",
        cores: 2,
        os: "o",
        node: "n",
        database: { kind: "postgresql", version: "v" },
        redis: "r",
        loadAverage: { start: 1 },
      },
      scale: { users: 1, posts: 2, comments: 3, seedSeconds: 1 },
      runs: { warmup: 1, runs: 3 },
      skipped: { HTTP: "--skip-http" },
    } as BenchResults;
    const doc = `intro\n${TABLE_START}\nold table\n${TABLE_END}\noutro\n`;
    const updated = withLatestTable(doc, results);
    expect(updated).toMatch(/^intro\n<!-- bench:latest:start -->\n\n- Run: full/);
    expect(updated).toContain("Not measured: HTTP: --skip-http");
    expect(updated).not.toContain("latest.svg"); // no HTTP figures, no chart
    expect(updated).not.toContain("old table");
    expect(updated.endsWith(`${TABLE_END}\noutro\n`)).toBe(true);
    expect(() => withLatestTable("no markers", results)).toThrow(/needs/);
  });

  it("draws each HTTP figure as a share of bare Next.js, red where it misses its goal, and links the chart", () => {
    const http = {
      load: { connections: 10, durationSeconds: 1 },
      targets: [
        {
          name: "feed API",
          path: "/api/posts",
          ceiling: figure(4_000),
          nextCeiling: figure(2_000),
          app: { "cached in process": { ...figure(1_900), ratioToCeiling: 0.475, ratioToNext: 0.95 } },
        },
        {
          name: "feed page",
          path: "/",
          ceiling: figure(4_000),
          nextCeiling: figure(2_000),
          app: { "cached in process": { ...figure(1_000), ratioToCeiling: 0.25, ratioToNext: 0.5 } },
        },
      ],
    };
    const svg = httpChartSvg(http, "a <run>");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain("a &lt;run&gt;");
    expect(svg.match(/<rect x="300"[^>]*fill="#2563eb"/g)).toHaveLength(1); // the API meets 90 %
    expect(svg.match(/<rect x="300"[^>]*fill="#dc2626"/g)).toHaveLength(1); // the page misses 80 %
    expect(svg).toContain("95 % (1900 req/s)");
    const doc = `${TABLE_START}\n${TABLE_END}\n`;
    const results = fullRunWith(http);
    expect(withLatestTable(doc, results)).toContain("](../bench/results/latest.svg)");
  });

  it("reports each HTTP figure next to the ceilings measured in turn with it", () => {
    const http = {
      load: { connections: 10, durationSeconds: 8, rounds: 4 },
      targets: [
        {
          name: "feed API",
          path: "/api/posts",
          ceiling: figure(4_000),
          nextCeiling: figure(2_000),
          app: {
            "cached in process": {
              ...figure(1_800),
              ratioToCeiling: 0.5,
              ratioToNext: 0.9,
              paired: { ceiling: 3_600, next: 2_000, nextCpuUsPerRequest: 225 },
              cpuUsPerRequest: 250,
              cpuShareOfNext: 0.9,
            },
          },
        },
      ],
    };
    const results = fullRunWith(http);
    const row = claimRows(results).find((r) => r.practice.startsWith("HTTP feed API"));
    expect(row?.measured).toContain("(bare Next.js: 2000 req/s; bare Node: 3600 req/s, in turn with it)");
    expect(row?.measured).toContain("; CPU 250 µs a request (bare Next.js: 225 µs)");
    expect(row?.ratio).toBe("90 % of bare Next.js, 50 % of bare Node; in CPU, 90 % of bare Next.js");
  });

  it("takes a figure's runs together: all their requests over all their time", () => {
    const run = (requestsPerSec: number, requests: number, p50Ms: number, p99Ms: number) => ({
      requestsPerSec,
      requests,
      p50Ms,
      p99Ms,
      bytesPerResponse: 7,
    });
    // 2,000 requests in 1 s, then 1,000 in 1 s, then 3,000 in 2 s: 6,000 in 4 s.
    expect(combineRuns([run(2_000, 2_000, 3, 9), run(1_000, 1_000, 5, 20), run(1_500, 3_000, 4, 12)])).toEqual({
      requestsPerSec: 1_500,
      requests: 6_000,
      p50Ms: 4,
      p99Ms: 20,
      bytesPerResponse: 7,
    });
  });

  it("warms a server until it has served the warm-up on a URL since it started, then only re-warms it", () => {
    const options = { warmupSeconds: 24, rewarmSeconds: 2 };
    // A process just started (the app in each mode, every server at first): the whole warm-up.
    expect(warmupDue(0, options)).toBe(24);
    // A ceiling that has served this URL for an earlier mode's figure (16 s): the rest.
    expect(warmupDue(16, options)).toBe(8);
    // One that has served longer than the warm-up: the re-warm only.
    expect(warmupDue(48, options)).toBe(2);
    expect(warmupDue(48, { warmupSeconds: 24 })).toBe(0);
    expect(warmupDue(0, {})).toBe(0);
    // The full profile warms every process well past the ramp a fresh Next.js server shows.
    expect(warmupDue(0, FULL.load)).toBeGreaterThanOrEqual(20);
  });

  it("reads the CPU time a process group has used, and it grows as the group works", () => {
    const child = spawn(process.execPath, ["-e", "const end = Date.now() + 300; while (Date.now() < end);"], {
      detached: true,
    });
    const group = child.pid!;
    const start = processGroupCpuSeconds(group);
    return new Promise<void>((resolve) => {
      setTimeout(() => {
        const later = processGroupCpuSeconds(group);
        child.kill();
        if (process.platform === "linux") expect(later! - start!).toBeGreaterThan(0);
        else expect(later).toBeUndefined();
        resolve();
      }, 250);
    });
  });

  it("says where the servers and the load generator ran", () => {
    const http = { load: {}, targets: [] };
    const pinned = { ...http, cores: { servers: "0-2", loadGenerator: "3", all: "0-3" } };
    expect(machineLines(fullRunWith(pinned))).toContain(
      "HTTP: the servers on cores 0-2, the load generator on core 3.",
    );
    expect(machineLines(fullRunWith(http))).toContain("HTTP: the servers and the load generator shared every core.");
    expect(machineLines(fullRunWith(undefined)).some((line) => line.startsWith("HTTP:"))).toBe(false);
  });

  it("writes sizes in B, KB and MB", () => {
    expect([bytes(512), bytes(2_950), bytes(1_400_000)]).toEqual(["512 B", "3 KB", "1.4 MB"]);
  });
});

describe("load", () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => res.writeHead(req.url === "/ok" ? 200 : 500).end("{}"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("counts the requests it sent", async () => {
    const result = await load(`${base}/ok`, { connections: 2, amount: 20 }, 2);
    expect(result.requests).toBe(20);
    expect(result.bytesPerResponse).toBe(2);
  });

  it("fails the benchmark when the server answers errors", async () => {
    await expect(load(`${base}/broken`, { connections: 1, amount: 5 }, 2)).rejects.toBeInstanceOf(BenchCheckError);
  });
});

describe("cores", () => {
  const found = () => true;

  it("gives the load generator the last core and the servers the others, on Linux with taskset", () => {
    expect(planCores(2, "linux", found)).toEqual({ servers: "0", loadGenerator: "1", all: "0-1" });
    expect(planCores(8, "linux", found)).toEqual({ servers: "0-6", loadGenerator: "7", all: "0-7" });
  });

  it("assigns nothing with one core, without taskset or off Linux", () => {
    expect(planCores(1, "linux", found)).toBeUndefined();
    expect(planCores(8, "linux", () => false)).toBeUndefined();
    expect(planCores(8, "darwin", found)).toBeUndefined();
  });

  it("starts a command on the cores it is given", async () => {
    expect(onCores(undefined, "next", ["start"])).toEqual(["next", ["start"]]);
    expect(onCores("0", "next", ["start"])).toEqual(["taskset", ["-c", "0", "next", "start"]]);
    const plan = planCores();
    if (!plan) return; // nothing to assign on this machine
    const child = startProcess("grep", ["Cpus_allowed_list", "/proc/self/status"], process.env, plan.servers);
    await new Promise((resolve) => child.child.once("close", resolve));
    expect(child.output().trim()).toBe(`Cpus_allowed_list:\t${plan.servers}`);
  });
});
