import fc from "fast-check";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryRateLimiter, RATE_LIMITS, setRateLimiter } from "@/lib/rate-limit";
import { appRouter } from "@/server/routers/app.router";
import trpcHandler, { config as trpcConfig } from "@/pages/api/trpc/[trpc]";
import { setupAccounts, type TestAccount } from "#tests/accounts";
import { setupApiServer, type ApiRequestInit, type ApiResponse } from "#tests/api-server";
import { factories } from "#tests/factories";
import {
  anyJsonWith,
  anyQueryWith,
  anyString,
  checkAnswer,
  encodeBytes,
  FUZZ_PARAMETERS,
  NODE_MAX_HEADER_BYTES,
  oddOneOut,
  plausibleValue,
  POISONS,
  queryString,
} from "#tests/fuzz";
import { REST_ROUTES } from "#tests/routes";
import { setupTestDatabase } from "#tests/test-database";

// Property-based fuzzing of every door: each REST route of the route table and each tRPC
// procedure of the app router, so a new one is fuzzed without a line here. Whatever is sent,
// the answer is below 500, a 4xx carries the error shape, and no body shows a stack or a path.
// Every request is signed in as a verified user, so writes get past the session and reach
// validation, the database and authorization.

const t = setupTestDatabase();
const accounts = setupAccounts(t);
const { createPost, createComment } = factories(() => t.services);
const base = setupApiServer({ ...REST_ROUTES, "/api/trpc/[trpc]": { default: trpcHandler, config: trpcConfig } });
let actor: TestAccount;
const signedIn = (init: ApiRequestInit = {}): ApiRequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string> | undefined), cookie: actor.cookie },
});
const api = {
  get: (path: string, init?: ApiRequestInit) => base.get(path, signedIn(init)),
  request: (path: string, init?: ApiRequestInit) => base.request(path, signedIn(init)),
};

beforeAll(async () => {
  // The property is about what any input does, not about the write rate: no 429 cuts it short.
  setRateLimiter(createMemoryRateLimiter({ ...RATE_LIMITS, write: { limit: 1_000_000, windowSeconds: 60 } }));
  actor = await accounts.signUp();
  await createComment(); // a user, a post and a comment, so that some ids are found
  for (let i = 0; i < 3; i++) await createComment({ postId: (await createPost({ userId: actor.id })).id });
});
afterAll(() => setRateLimiter(undefined));

type Procedure = { _def: { type: string; inputs: unknown[] } };
const plausibleQuery = (odd: string, value: string): [string, string][] =>
  fieldNames.map((field) => [field, field === odd ? value : plausibleValue(field)]);

const procedures = Object.entries(appRouter._def.procedures) as unknown as [string, Procedure][];

// The field names the app reads, from the input schemas of the procedures (REST reads the same
// schemas), so generated objects and query strings name real fields more often than not.
const fieldNames = [
  ...new Set([
    "page",
    "pageSize",
    "q",
    "id",
    "postId",
    "title",
    "body",
    ...procedures.flatMap(([, procedure]) =>
      procedure._def.inputs.flatMap((input) => Object.keys((input as { shape?: object }).shape ?? {})),
    ),
  ]),
];
const anyJson = anyJsonWith(fieldNames);
const anyQuery = anyQueryWith(fieldNames);

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
// Ids that exist, ids that do not, and anything else a path segment can carry (an empty or dot
// segment would name another path, as URLs resolve them).
const anySegment = fc
  .oneof(fc.constantFrom("1", "2", "0", "-1", "999999999999"), anyString)
  .filter((segment) => !["", ".", ".."].includes(segment));
const anyBody = fc.oneof(
  anyJson.map((value) => ({ type: "application/json", text: JSON.stringify(value) })),
  anyString.map((text) => ({ type: "application/json", text })),
  anyString.map((text) => ({ type: "text/plain", text })),
  fc.constant({ type: "application/json", text: `"${"x".repeat(1024 * 1024 + 10)}"` }),
);

function isErrorShape(body: unknown): boolean {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return typeof error?.code === "string" && typeof error.message === "string";
}

function expectSound(res: ApiResponse, isShaped: (body: unknown) => boolean, method: string, request: string) {
  if (res.status === 431 && Buffer.byteLength(request) > NODE_MAX_HEADER_BYTES - 1024) return;
  const text = JSON.stringify(res.body ?? "");
  const problem = checkAnswer(res.status, text);
  if (problem) throw new Error(`${method} ${request.slice(0, 200)}: ${problem}`);
  if (res.status >= 400 && method !== "HEAD" && !isShaped(res.body)) {
    throw new Error(
      `${method} ${request.slice(0, 200)}: a ${res.status} without the error shape: ${text.slice(0, 300)}`,
    );
  }
}

describe.each(Object.keys(REST_ROUTES))("REST %s", (route) => {
  it("survives each poison in each field and path segment", async () => {
    for (const poison of POISONS) {
      const path = route.replace(/\[\w+\]/g, encodeBytes(poison));
      expectSound(await api.get(path), isErrorShape, "GET", path);
      for (const field of fieldNames) {
        const url = `${route.replace(/\[\w+\]/g, "1")}?${queryString(plausibleQuery(field, poison))}`;
        expectSound(await api.get(url), isErrorShape, "GET", url);
      }
      // In the body of each write, and in the id of the one it would change.
      for (const method of ["POST", "PATCH", "DELETE"]) {
        expectSound(await api.request(path, { method }), isErrorShape, method, path);
        for (const field of ["title", "body"]) {
          const body = JSON.stringify({ title: "1", body: "1", [field]: poison });
          const res = await api.request(route.replace(/\[\w+\]/g, "2"), {
            method,
            headers: { "content-type": "application/json" },
            body,
          });
          expectSound(res, isErrorShape, method, `${route} ${body.slice(0, 100)}`);
        }
      }
    }
  });

  it("answers anything below 500, in the error shape, with no internals", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        fc.array(anySegment, { minLength: 2, maxLength: 2 }),
        anyQuery,
        fc.option(anyBody, { nil: undefined }),
        async (method, segments, query, body) => {
          let i = 0;
          const path = route.replace(/\[\w+\]/g, () => encodeBytes(segments[i++] ?? "1"));
          const withBody = body && method !== "GET" && method !== "HEAD";
          const res = await api.request(`${path}?${queryString(query)}`, {
            method,
            ...(withBody ? { headers: { "content-type": body.type }, body: body.text } : {}),
          });
          expectSound(res, isErrorShape, method, `${path}?${queryString(query)}`);
        },
      ),
      FUZZ_PARAMETERS,
    );
  });
});

const isTrpcErrorShape = (body: unknown): boolean => {
  const errors = Array.isArray(body) ? body.map((item) => item?.error) : [(body as { error?: unknown })?.error];
  return errors.every((error) => {
    const json = (error as { json?: { message?: unknown; data?: { appCode?: unknown } } } | undefined)?.json;
    return error === undefined || (typeof json?.message === "string" && typeof json.data?.appCode === "string");
  });
};

describe.each(procedures)("tRPC %s", (path, procedure) => {
  const method = procedure._def.type === "query" ? "GET" : "POST";
  const ownFields = procedure._def.inputs.flatMap((input) => Object.keys((input as { shape?: object }).shape ?? {}));
  const anyValue = fc.oneof({ weight: 3, arbitrary: anyString }, { weight: 1, arbitrary: anyJson });
  const shapedInput =
    ownFields.length === 0 ? anyJson : oddOneOut(ownFields, anyValue).map((pairs) => Object.fromEntries(pairs));
  const encodedInput = fc.oneof(
    { weight: 5, arbitrary: shapedInput.map((input) => JSON.stringify(superjson.serialize(input))) },
    { weight: 2, arbitrary: anyJson.map((input) => JSON.stringify(superjson.serialize(input))) },
    { weight: 1, arbitrary: anyJson.map((input) => JSON.stringify(input)) },
    { weight: 1, arbitrary: anyString },
  );

  const send = (input: string, batch = false) => {
    const url = `/api/trpc/${path}?${batch ? "batch=1&" : ""}`;
    const wrapped = batch ? `{"0":${input}}` : input;
    const request =
      method === "GET"
        ? api.get(`${url}input=${encodeBytes(wrapped)}`)
        : api.request(url, { method, headers: { "content-type": "application/json" }, body: wrapped });
    const sent = method === "GET" ? `${url}input=${encodeBytes(wrapped)}` : url;
    return request.then((res) => expectSound(res, isTrpcErrorShape, method, sent));
  };

  it("survives each poison in each field", async () => {
    for (const poison of POISONS) {
      for (const field of ownFields) {
        const input = Object.fromEntries(ownFields.map((f) => [f, f === field ? poison : plausibleValue(f)]));
        await send(JSON.stringify(superjson.serialize(input)));
      }
    }
  });

  it("answers any input below 500, in tRPC's error shape, with no internals", async () => {
    await fc.assert(
      fc.asyncProperty(encodedInput, fc.boolean(), (input, batch) => send(input, batch)),
      FUZZ_PARAMETERS,
    );
  });
});

it("fuzzes every procedure of the app router and every route of the table, writes included", () => {
  expect(procedures.length).toBeGreaterThanOrEqual(12);
  expect(procedures.filter(([, procedure]) => procedure._def.type === "mutation").length).toBeGreaterThanOrEqual(5);
  expect(Object.keys(REST_ROUTES).length).toBeGreaterThanOrEqual(9);
});
