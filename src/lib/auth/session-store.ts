import { useSyncExternalStore } from "react";
import { processSingleton } from "@/lib/process-singleton";

// Who is signed in, for the parts of a page that depend on the viewer (the header's account
// menu, the post's buttons, the comment form). They read it from here, not from better-auth's
// browser client: that client is about 12 kB (gzip) that a reader never needs, so it is loaded
// only by the forms that sign in, out or change an account (src/lib/auth/load-auth-client.ts).
// When it is loaded, it keeps this store up to date (src/lib/auth/auth-client.ts).
// docs/decisions/0117-the-session-without-the-auth-client.md

/** The session's user as the browser shows it: the fields the viewer's UI reads. */
export interface ViewerUser {
  /** better-auth's ids are strings; ours are integers in them (ADR 0091). */
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  role?: string | null;
}

export interface SessionState {
  /** The signed-in user, or null for an anonymous visitor (and until the session is read). */
  user: ViewerUser | null;
  /** True until the session has been read once. */
  isPending: boolean;
}

/** Where better-auth answers with the current session (`null` when there is none). */
export const SESSION_URL = "/api/auth/get-session";

const PENDING: SessionState = { user: null, isPending: true };
const SERVER: SessionState = PENDING;

interface Store {
  state: SessionState;
  reading: Promise<void> | undefined;
  /** Bumped by a change of session (a sign-in, a sign-out): a read started before it is stale. */
  generation: number;
  readingGeneration: number;
  /** The generation of the last read that answered (or failed) for its own generation. */
  answeredGeneration: number;
  watchingVisibility: boolean;
  listeners: Set<() => void>;
}

// One store per page: webpack inlines this module into each chunk that imports it (the header's,
// a page's, the auth client's), and a module-level `let` would be one store per chunk.
const slot = processSingleton<Store>("session-store", () => ({
  state: PENDING,
  reading: undefined,
  generation: 0,
  readingGeneration: -1,
  answeredGeneration: -1,
  watchingVisibility: false,
  listeners: new Set(),
}));

/** The user of a session as better-auth's client or its endpoint gives it, or null. */
export function viewerUser(session: unknown): ViewerUser | null {
  const user = (session as { user?: Partial<ViewerUser> | null } | null)?.user;
  if (!user || typeof user.id !== "string" || typeof user.email !== "string") return null;
  return {
    id: user.id,
    name: typeof user.name === "string" ? user.name : "",
    email: user.email,
    emailVerified: user.emailVerified === true,
    role: typeof user.role === "string" ? user.role : null,
  };
}

function sameUser(a: ViewerUser | null, b: ViewerUser | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.email === b.email &&
    a.emailVerified === b.emailVerified &&
    a.role === b.role
  );
}

/** Sets the session (from a read) and tells every reader. */
export function publishSession(user: ViewerUser | null): void {
  const store = slot.get();
  if (!store.state.isPending && sameUser(store.state.user, user)) return;
  store.state = { user, isPending: false };
  for (const listener of store.listeners) listener();
}

/**
 * Reads the session again from the server; resolves once every reader has it. Calls made while
 * a read is under way share it, unless the session changed since it started. A failed read
 * (offline, a 5xx) keeps what was known, and ends the pending state so that the page does not
 * wait for ever.
 */
export function refetchSession(): Promise<void> {
  const store = slot.get();
  if (store.reading && store.readingGeneration === store.generation) return store.reading;
  const started = store.generation;
  store.readingGeneration = started;
  const read: Promise<void> = fetch(SESSION_URL, {
    credentials: "same-origin",
    cache: "no-store",
    headers: { accept: "application/json" },
  })
    .then(async (response) => {
      if (!response.ok) throw new Error(`reading the session answered ${response.status}`);
      return viewerUser(await response.json());
    })
    .then(
      (user) => {
        // A read overtaken by a change of session says what was true before it: a later one answers.
        if (started !== store.generation) return;
        store.answeredGeneration = started;
        publishSession(user);
      },
      () => {
        if (started !== store.generation) return;
        store.answeredGeneration = started;
        if (store.state.isPending) publishSession(null);
      },
    )
    .finally(() => {
      if (store.reading === read) store.reading = undefined;
    })
    // Whoever waits for an overtaken read waits for the one that answers.
    .then(() => (store.answeredGeneration === store.generation ? undefined : refetchSession()));
  store.reading = read;
  return read;
}

/** The session changed on the server (signed in or out, renamed): reads it again. */
export function sessionChanged(): Promise<void> {
  slot.get().generation++;
  return refetchSession();
}

function onVisible(): void {
  // As better-auth's client does on focus: a session ended in another tab shows here on return.
  if (document.visibilityState === "visible") void refetchSession();
}

/** The session as known now. */
export function getSession(): SessionState {
  return slot.get().state;
}

/** Calls `listener` on every change; the first subscriber starts the read. Returns the unsubscribe. */
export function subscribeSession(listener: () => void): () => void {
  const store = slot.get();
  store.listeners.add(listener);
  if (store.state.isPending) void refetchSession();
  if (!store.watchingVisibility && typeof document !== "undefined") {
    store.watchingVisibility = true;
    document.addEventListener("visibilitychange", onVisible);
  }
  return () => {
    store.listeners.delete(listener);
  };
}

/** The session, read once per page load and shared by every component that asks. */
export function useSession(): SessionState {
  return useSyncExternalStore(subscribeSession, getSession, () => SERVER);
}

/** For tests: back to the state of a fresh page load. */
export function resetSessionStore(): void {
  slot.set(undefined);
}
