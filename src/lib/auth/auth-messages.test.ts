import { describe, expect, it } from "vitest";
import { authErrorMessage } from "./auth-messages";

describe("authErrorMessage", () => {
  it("words better-auth's codes for people", () => {
    expect(
      authErrorMessage({ status: 401, code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" }),
    ).toBe("That email and password do not match an account.");
    expect(authErrorMessage({ status: 400, code: "TOKEN_EXPIRED" })).toBe("This link has expired.");
  });

  it("reads the app's own error body too", () => {
    expect(authErrorMessage({ status: 400, error: { code: "INVALID_TOKEN", message: "x" } })).toMatch(/cannot be used/);
    expect(
      authErrorMessage({ status: 403, error: { code: "FORBIDDEN", message: "Cross-origin request refused" } }),
    ).toBe("Cross-origin request refused");
  });

  it("says to wait on a rate limit, whoever answered it", () => {
    expect(authErrorMessage({ status: 429, message: "Too many requests. Please try again later." })).toMatch(
      /Wait a minute/,
    );
    expect(authErrorMessage({ status: 429, error: { code: "RATE_LIMITED", message: "Slow down" } })).toMatch(
      /Wait a minute/,
    );
  });

  it("shows an unknown refusal's own message, but never a server error's", () => {
    expect(authErrorMessage({ status: 400, code: "SOMETHING_NEW", message: "Name is too long" })).toBe(
      "Name is too long",
    );
    expect(authErrorMessage({ status: 500, message: "TypeError: x is undefined" })).toMatch(/on our side/);
    expect(authErrorMessage({ status: 0 })).toMatch(/on our side/);
  });

  it("says when the server could not be reached", () => {
    expect(authErrorMessage(new TypeError("Failed to fetch"))).toMatch(/could not reach the server/);
    expect(authErrorMessage(undefined)).toMatch(/on our side/);
  });
});
