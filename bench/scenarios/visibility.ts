import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createAuth } from "../../src/lib/auth/auth";
import { authEmails } from "../../src/lib/auth/auth-emails";
import { createDatabase } from "../../src/lib/prisma";
import { signInOverHttp } from "../../scripts/sign-in-over-http";
import { check, round } from "../lib/measure";

// How long after a write's response the served feed page shows it (a new post, a new title,
// a post gone), on the running production build: the static page is revalidated before the
// write answers (docs/decisions/0106-static-public-pages.md), so the first read should see it.

export interface VisibilityResult {
  /** Milliseconds from each write's response to the first `GET /` that shows it. */
  createMs: number;
  editMs: number;
  deleteMs: number;
  /** How many reads each took to see it (1: the first one). */
  reads: { create: number; edit: number; delete: number };
}

const GIVE_UP_MS = 30_000;

/** A confirmed member signed in on the server as a browser would: the Cookie header of its session. */
async function signInAsNewWriter(databaseUrl: string, origin: string): Promise<string> {
  const email = `bench-${randomBytes(4).toString("hex")}@example.test`;
  const password = randomBytes(18).toString("base64url");
  const db = createDatabase({ url: databaseUrl, poolMax: 1 });
  try {
    const auth = createAuth({ db, emails: authEmails(), overrides: { emailVerification: { sendOnSignUp: false } } });
    await auth.api.signUpEmail({ body: { email, password, name: "Bench writer" } });
    await db.user.update({ where: { email }, data: { emailVerified: true } });
  } finally {
    await db.$disconnect();
  }
  return signInOverHttp(origin, { email, password });
}

async function untilFeedShows(origin: string, shows: (html: string) => boolean, since: number) {
  for (let reads = 1; ; reads++) {
    const html = await (await fetch(`${origin}/`)).text();
    if (shows(html)) return { ms: round(performance.now() - since, 1), reads };
    check(performance.now() - since < GIVE_UP_MS, `the feed page did not show the write within ${GIVE_UP_MS} ms`);
  }
}

export async function runVisibility(databaseUrl: string, origin: string): Promise<VisibilityResult> {
  const cookie = await signInAsNewWriter(databaseUrl, origin);
  const write = async (method: string, path: string, expected: number, body?: object) => {
    const res = await fetch(`${origin}${path}`, {
      method,
      headers: { cookie, origin, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    check(res.status === expected, `${method} ${path} answered ${res.status}: ${text}`);
    return { at: performance.now(), body: text ? (JSON.parse(text) as { id: number }) : undefined };
  };
  const title = `Visible at once ${randomBytes(4).toString("hex")}`;
  const created = await write("POST", "/api/posts", 201, { title, body: "Timed by the benchmark." });
  const create = await untilFeedShows(origin, (html) => html.includes(title), created.at);
  const id = created.body!.id;
  const edited = await write("PATCH", `/api/posts/${id}`, 200, { title: `${title}, edited` });
  const edit = await untilFeedShows(origin, (html) => html.includes(`${title}, edited`), edited.at);
  const deleted = await write("DELETE", `/api/posts/${id}`, 204);
  const gone = await untilFeedShows(origin, (html) => !html.includes(title), deleted.at);
  return {
    createMs: create.ms,
    editMs: edit.ms,
    deleteMs: gone.ms,
    reads: { create: create.reads, edit: edit.reads, delete: gone.reads },
  };
}
