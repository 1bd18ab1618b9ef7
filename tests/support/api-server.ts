import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { NextApiHandler } from "next";
import { apiResolver } from "next/dist/server/api-utils/node/api-resolver.js";
import { afterAll, beforeAll } from "vitest";

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

export interface ApiClient {
  get(path: string, init?: RequestInit): Promise<ApiResponse>;
  request(path: string, init?: RequestInit): Promise<ApiResponse>;
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

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      for (const route of compiled) {
        const match = route.pattern.exec(url.pathname);
        if (!match) continue;
        const params = Object.fromEntries(
          route.params.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? "")]),
        );
        void apiResolver(req, res, { ...queryOf(url), ...params }, route.module, {} as never, false);
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

  const request = async (path: string, init?: RequestInit): Promise<ApiResponse> => {
    const response = await fetch(`${base}${path}`, init);
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body };
  };

  return { request, get: (path, init) => request(path, { ...init, method: "GET" }) };
}
