import { afterEach, describe, expect, it, vi } from "vitest";
import {
  getSession,
  publishSession,
  refetchSession,
  resetSessionStore,
  SESSION_URL,
  sessionChanged,
  subscribeSession,
  viewerUser,
  type ViewerUser,
} from "./session-store";

const ada: ViewerUser = { id: "7", name: "Ada", email: "ada@example.test", emailVerified: true, role: "member" };

/** What better-auth's get-session answers for a session: the user with dates as strings. */
const answer = (user: ViewerUser | null) =>
  user ? { session: { id: "s1", userId: user.id }, user: { ...user, createdAt: "2026-01-01T00:00:00.000Z" } } : null;

function fetchAnswering(...responses: (Response | Error)[]) {
  const fetchMock = vi.fn(async () => {
    const next = responses.shift();
    if (!next) throw new Error("no more answers");
    if (next instanceof Error) throw next;
    return next;
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

afterEach(() => {
  resetSessionStore();
  vi.unstubAllGlobals();
});

describe("viewerUser", () => {
  it("keeps the fields the UI reads, from the endpoint's answer or the client's", () => {
    expect(viewerUser(answer(ada))).toEqual(ada);
    expect(viewerUser({ user: { id: "8", email: "b@example.test", name: null, emailVerified: "yes" } })).toEqual({
      id: "8",
      name: "",
      email: "b@example.test",
      emailVerified: false,
      role: null,
    });
  });

  it("is null for no session, and for an answer that is not a session", () => {
    for (const value of [
      null,
      undefined,
      {},
      { user: null },
      { session: null, user: null },
      { user: { id: 7 } },
      "x",
    ]) {
      expect(viewerUser(value)).toBeNull();
    }
  });
});

describe("the session store", () => {
  it("is pending until the first subscriber's read answers, then holds the user", async () => {
    const fetchMock = fetchAnswering(json(answer(ada)));
    expect(getSession()).toEqual({ user: null, isPending: true });
    const seen: unknown[] = [];
    subscribeSession(() => seen.push(getSession()));
    subscribeSession(() => undefined);
    await refetchSession();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledWith(
      SESSION_URL,
      expect.objectContaining({ credentials: "same-origin", cache: "no-store" }),
    );
    expect(getSession()).toEqual({ user: ada, isPending: false });
    expect(seen).toEqual([{ user: ada, isPending: false }]);
  });

  it("an anonymous visitor is a null user, no longer pending", async () => {
    fetchAnswering(json(null));
    await refetchSession();
    expect(getSession()).toEqual({ user: null, isPending: false });
  });

  it("shares one read between the calls made while it runs", async () => {
    const fetchMock = fetchAnswering(json(answer(ada)), json(null));
    await Promise.all([refetchSession(), refetchSession(), refetchSession()]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await refetchSession();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(getSession().user).toBeNull();
  });

  it("a failed read keeps what was known, and ends the pending state of a first read", async () => {
    fetchAnswering(new TypeError("offline"), json(answer(ada)), json({ message: "down" }, 503));
    await refetchSession();
    expect(getSession()).toEqual({ user: null, isPending: false });
    await refetchSession();
    expect(getSession().user).toEqual(ada);
    await refetchSession();
    expect(getSession().user).toEqual(ada);
  });

  it("tells its subscribers only of a change, and stops after unsubscribing", () => {
    let calls = 0;
    fetchAnswering(json(null));
    const unsubscribe = subscribeSession(() => calls++);
    publishSession(ada);
    publishSession({ ...ada });
    expect(calls).toBe(1);
    publishSession({ ...ada, name: "Ada Lovelace" });
    expect(calls).toBe(2);
    unsubscribe();
    publishSession(null);
    expect(calls).toBe(2);
    expect(getSession()).toEqual({ user: null, isPending: false });
  });

  it("after a change of session, a read started before it neither answers for it nor wins", async () => {
    let answerStale: (response: Response) => void = () => undefined;
    const stale = new Promise<Response>((resolve) => (answerStale = resolve));
    const fetchMock = vi
      .fn()
      .mockReturnValueOnce(stale)
      .mockResolvedValueOnce(json(answer(ada)));
    vi.stubGlobal("fetch", fetchMock);
    const before = refetchSession();
    const after = sessionChanged();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    await after;
    expect(getSession().user).toEqual(ada);
    answerStale(json(null));
    await before;
    expect(getSession().user).toEqual(ada);
  });

  it("waiting for a read that a change overtook waits for the read that answers", async () => {
    const answers: ((response: Response) => void)[] = [];
    const fetchMock = vi.fn(() => new Promise<Response>((resolve) => answers.push(resolve)));
    vi.stubGlobal("fetch", fetchMock);
    let done = false;
    const first = sessionChanged().then(() => (done = true));
    const second = sessionChanged();
    answers[0]!(json(null));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toBe(false);
    expect(getSession().isPending).toBe(true);
    answers[1]!(json(answer(ada)));
    await Promise.all([first, second]);
    expect(getSession()).toEqual({ user: ada, isPending: false });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});
