import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../scripts/db/embedded";
import { startFakeSentryIngest, type EnvelopeItem, type FakeSentryIngest } from "#tests/fake-sentry-ingest";
import { startProductionServer, type ProductionServer } from "#tests/production-server";

// The production build, started with a DSN that points at a local stand-in for Sentry's
// ingest, serves real requests. Its database is empty (never migrated): every read of a table
// fails unexpectedly, like a bug would, while the health check's SELECT 1 still works.

let database: EmbeddedPostgres;
let ingest: FakeSentryIngest;
let server: ProductionServer;
const serverErrorIds: string[] = [];

beforeAll(async () => {
  database = await startEmbeddedPostgres({ port: 0 });
  ingest = await startFakeSentryIngest();
  server = await startProductionServer({
    DATABASE_URL: database.url,
    SENTRY_DSN: ingest.dsn,
    SENTRY_ENVIRONMENT: "e2e",
    SENTRY_TRACES_SAMPLE_RATE: "1",
    SLOW_REQUEST_MS: "0",
    // Debug for the "monitoring events flushed" line the tests wait on.
    LOG_LEVEL: "debug",
  });
});

afterAll(async () => {
  await server?.stop();
  await ingest?.close();
  await database?.stop();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers });
  const text = await response.text();
  const requestId = response.headers.get("x-request-id") ?? "";
  if (response.status >= 500) serverErrorIds.push(requestId);
  return { status: response.status, headers: response.headers, text, requestId };
}

const errorEventFor = (requestId: string) => (item: EnvelopeItem) =>
  item.type === "event" && item.payload.tags?.request_id === requestId;

const jsonLines = () =>
  server.output.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);

/** Waits for the line the server logs once everything Sentry held for a request is delivered. */
const monitoringFlushed = (requestId: string) =>
  expect
    .poll(() => jsonLines().find((line) => line.requestId === requestId && line.msg === "monitoring events flushed"), {
      timeout: 20_000,
    })
    .toMatchObject({ delivered: true });

const traceHeader = () => {
  const traceId = randomBytes(16).toString("hex");
  return { traceId, header: { "sentry-trace": `${traceId}-${randomBytes(8).toString("hex")}-1` } };
};

describe("Sentry, in the production build", () => {
  it("a server error from a real request arrives as an event envelope with the error", async () => {
    const res = await get("/api/posts");
    expect(res.status).toBe(500);
    expect(JSON.parse(res.text)).toEqual({ error: { code: "INTERNAL", message: "Something went wrong on our side" } });

    const event = await ingest.waitForItem(errorEventFor(res.requestId));
    const exception = event.payload.exception.values.at(-1);
    expect(exception.value).toMatch(/posts.*does not exist/);
    expect(exception.stacktrace.frames.length).toBeGreaterThan(0);
    expect(event.payload).toMatchObject({
      level: "error",
      environment: "e2e",
      tags: { request_id: res.requestId, route: "/api/posts", method: "GET" },
    });
    const health = JSON.parse((await get("/api/health")).text);
    expect(event.payload.release).toBe(health.commit ?? undefined);
    const envelope = ingest.envelopes.find((e) => e.items.includes(event));
    expect(envelope?.url).toContain("sentry_key=e2epublickey");
  });

  it("tRPC procedures and server-rendered pages report theirs too", async () => {
    const trpc = await get(`/api/trpc/posts.feed?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
    // A page rendered per request (the static ones have no request to fail: docs/decisions/0106).
    const page = await get("/feed?page=2");
    expect([trpc.status, page.status]).toEqual([500, 500]);
    await ingest.waitForItem(errorEventFor(trpc.requestId));
    await ingest.waitForItem(errorEventFor(page.requestId));
  });

  it("a 400 or a 404 sends nothing: only the 500s have events", async () => {
    const badInput = await get("/api/posts?page=0");
    const missingPage = await get("/no-such-page");
    expect([badInput.status, missingPage.status]).toEqual([400, 404]);
    await monitoringFlushed(badInput.requestId);
    // Envelopes leave in order; once the event of a later 500 is in, an earlier one would be too.
    const later = await get("/api/posts");
    await ingest.waitForItem(errorEventFor(later.requestId));

    const reported = ingest.envelopes.flatMap((e) => e.items).filter((item) => item.type === "event");
    expect(reported.map((item) => item.payload.tags?.request_id).sort()).toEqual([...serverErrorIds].sort());
    expect(JSON.stringify(ingest.envelopes)).not.toContain(badInput.requestId);
  });

  it("traces requests at the configured rate, but never the health check", async () => {
    const health = traceHeader();
    const feed = traceHeader();
    const healthCheck = await get("/api/health", health.header);
    expect(healthCheck.status).toBe(200);
    // Once the server says a request's monitoring is flushed, its trace, had it been sampled,
    // has been delivered: nothing about it can arrive later.
    await monitoringFlushed(healthCheck.requestId);
    expect(ingest.envelopes.filter((envelope) => envelope.raw.includes(health.traceId))).toEqual([]);

    const traced = await get("/api/posts?page=0", feed.header);
    expect(traced.status).toBe(400);
    await monitoringFlushed(traced.requestId);
    expect(ingest.envelopes.filter((envelope) => envelope.raw.includes(feed.traceId))).not.toEqual([]);
  });
});

describe("logs and timings, in the production build", () => {
  it("writes JSON lines that carry the request id, the error and the slow route", async () => {
    const res = await get("/api/posts?pageSize=5");
    expect(res.status).toBe(500);
    await expect.poll(() => jsonLines().filter((line) => line.requestId === res.requestId).length).toBeGreaterThan(1);
    const lines = jsonLines().filter((line) => line.requestId === res.requestId);
    expect(lines).toContainEqual(expect.objectContaining({ level: "error", msg: "unexpected error" }));
    // SLOW_REQUEST_MS=0 here: every request is "slow", so the warning shows without waiting 2 s.
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "warn", msg: "slow request", route: "/api/posts", status: 500 }),
    );
  });

  it("answers with Server-Timing on API routes and pages", async () => {
    for (const path of ["/api/health", "/api/posts?page=0", "/feed?page=2"]) {
      expect((await get(path)).headers.get("server-timing")).toMatch(/^db;dur=[\d.]+;desc="\d+ quer(y|ies)"/);
    }
  });
});
