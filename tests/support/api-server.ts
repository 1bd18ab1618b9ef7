import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { NextApiHandler } from "next";
import { apiResolver } from "next/dist/server/api-utils/node/api-resolver.js";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { appOrigin } from "@/lib/app-origin";

// Serves route modules through Next's own API resolver (the code `next start` runs for
// src/pages/api), over real HTTP, so tests see real statuses, headers and bodies.

type RouteModule = { default: NextApiHandler; config?: unknown };
export type Routes = Record<string, RouteModule>;

interface CompiledRoute {
  pattern: RegExp;
  params: string[];
  module: RouteModule;
}

function compile(routes: Routes): CompiledRoute[] {
  return Object.entries(routes).map(([path, module]) => {
    const params: string[] = [];
    const source = path.replace(/\[(\w+)\]/g, (_, name: string) => {
      params.push(name);
      return "([^/]+)";
    });
    return { pattern: new RegExp(`^${source}$`), params, module };
  });
}

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return query;
}

/**
 * A write (any method but GET and HEAD) carries `Origin: <the app's origin>`, as a browser on
 * one of the app's pages sends it, unless `origin` names another one or is null (none sent).
 */
export interface ApiRequestInit extends RequestInit {
  origin?: string | null;
}

export interface ApiClient {
  get(path: string, init?: ApiRequestInit): Promise<ApiResponse>;
  request(path: string, init?: ApiRequestInit): Promise<ApiResponse>;
  /**
   * Every path a route revalidated with `res.revalidate` since the last reset, in order. Next's
   * own `res.revalidate` runs; only its last step, rendering the page again (which `next start`
   * does), is replaced by this record, or by `failRevalidation` when a test sets it.
   */
  revalidated: string[];
  failRevalidation?: (path: string) => Error | undefined;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests assert on parsed JSON
}

export function setupApiServer(routes: Routes): ApiClient {
  const compiled = compile(routes);
  let server: Server;
  let base = "";
  const revalidated: string[] = [];
  const client = { revalidated } as Partial<ApiClient>;
  // What `next start` hands the API resolver for `res.revalidate`: its preview-mode secret and
  // the call that renders a page again.
  const apiContext = {
    previewModeId: "test-preview-mode-id",
    internalRevalidate: async ({ urlPath }: { urlPath: string }) => {
      const failure = client.failRevalidation?.(urlPath);
      if (failure) throw failure;
      revalidated.push(urlPath);
    },
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      for (const route of compiled) {
        const match = route.pattern.exec(url.pathname);
        if (!match) continue;
        const params = Object.fromEntries(
          route.params.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? "")]),
        );
        void apiResolver(req, res, { ...queryOf(url), ...params }, route.module, apiContext as never, false);
        return;
      }
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const request = async (path: string, { origin, ...init }: ApiRequestInit = {}): Promise<ApiResponse> => {
    const write = !["GET", "HEAD"].includes(init.method ?? "GET");
    const headers = new Headers(init.headers);
    const sent = origin === undefined ? (write ? appOrigin() : null) : origin;
    if (sent !== null) headers.set("origin", sent);
    const response = await fetch(`${base}${path}`, { ...init, headers });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body };
  };

  beforeEach(() => {
    revalidated.length = 0;
  });

  return Object.assign(client, {
    request,
    get: (path: string, init?: ApiRequestInit) => request(path, { ...init, method: "GET" }),
  }) as ApiClient;
}
