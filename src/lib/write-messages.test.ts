import { describe, expect, it } from "vitest";
import { retryDelay, writeFailure } from "./write-messages";

// tRPC client errors as src/server/trpc.ts formats them: the public message, and in `data`
// the HTTP status, the app's code and its details.
const trpcError = (httpStatus: number, appCode: string, message: string, details?: unknown) => ({
  message,
  data: { code: "X", httpStatus, appCode, details },
});

describe("writeFailure", () => {
  it("names each refused field in a sentence, and returns the fields to mark", () => {
    const error = trpcError(400, "VALIDATION", "Invalid title, body: is required", {
      issues: [
        { field: "title", message: "is required" },
        { field: "body", message: "must be 20000 characters or less" },
      ],
    });
    expect(writeFailure(error)).toEqual({
      message: "The title is required. The text must be 20000 characters or less.",
      fields: ["title", "body"],
    });
  });

  it("says when to try again after a rate limit, from the server's wait", () => {
    const limited = (seconds?: number) =>
      writeFailure(
        trpcError(
          429,
          "RATE_LIMITED",
          "Too many requests",
          seconds === undefined ? {} : { retryAfterSeconds: seconds },
        ),
      ).message;
    expect(limited(42)).toBe("You are writing faster than we allow: try again in 42 seconds.");
    expect(limited(60)).toBe("You are writing faster than we allow: try again in a minute.");
    expect(limited()).toBe("You are writing faster than we allow: try again in a minute.");
  });

  it("words refusals: signed out, not confirmed, not the owner, gone", () => {
    expect(writeFailure(trpcError(401, "UNAUTHORIZED", "Sign in to write")).message).toMatch(/signed out: sign in/);
    const unverified = trpcError(403, "FORBIDDEN", "Confirm your email address before you write", {
      reason: "email_unverified",
    });
    expect(writeFailure(unverified).message).toBe("Confirm your email address before you write.");
    const notOwner = trpcError(403, "FORBIDDEN", "Only the post's author or an admin may edit it", {
      reason: "not_owner",
    });
    expect(writeFailure(notOwner).message).toBe("Only the post's author or an admin may edit it.");
    const gone = trpcError(404, "NOT_FOUND", "Post 7 not found", { entity: "Post", id: 7 });
    expect(writeFailure(gone).message).toBe("This post no longer exists: it may have been deleted.");
    expect(writeFailure(trpcError(413, "PAYLOAD_TOO_LARGE", "The request body is larger")).message).toMatch(/too long/);
  });

  it("never shows a server error's message, and says when the server was not reached", () => {
    expect(writeFailure(trpcError(500, "INTERNAL", "TypeError: x is undefined")).message).toMatch(/on our side/);
    const offline = Object.assign(new Error("Failed to fetch"), { cause: new TypeError("Failed to fetch") });
    expect(writeFailure(offline).message).toMatch(/could not reach the server/);
    expect(writeFailure(undefined).message).toMatch(/on our side/);
  });
});

describe("retryDelay", () => {
  it("rounds up to what a person would wait", () => {
    expect([retryDelay(0), retryDelay(1.5), retryDelay(59), retryDelay(61), retryDelay(600)]).toEqual([
      "in a second",
      "in 2 seconds",
      "in 59 seconds",
      "in 2 minutes",
      "in 10 minutes",
    ]);
  });
});
