import { describe, expect, it } from "vitest";
import {
  ConflictError,
  ERROR_CODES,
  ForbiddenError,
  InternalError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  UnauthorizedError,
  UnavailableError,
  ValidationError,
} from "./errors";
import { errorOutcome } from "./error-mapping";

describe("the error model", () => {
  it.each([
    [new NotFoundError("Post", 3), 404, "NOT_FOUND"],
    [new ValidationError([{ field: "page", message: "must be 1 or more" }]), 400, "BAD_REQUEST"],
    [new ConflictError("taken"), 409, "CONFLICT"],
    [new UnauthorizedError(), 401, "UNAUTHORIZED"],
    [new ForbiddenError(), 403, "FORBIDDEN"],
    [new RateLimitedError(30), 429, "TOO_MANY_REQUESTS"],
    [new UnavailableError("database"), 503, "SERVICE_UNAVAILABLE"],
    [new MethodNotAllowedError(["GET"]), 405, "METHOD_NOT_SUPPORTED"],
    [new InternalError(new Error("x")), 500, "INTERNAL_SERVER_ERROR"],
  ])("%s maps to HTTP %i and tRPC %s", (error, status, trpc) => {
    expect(error.status).toBe(status);
    expect(ERROR_CODES[error.code].trpc).toBe(trpc);
    expect(error.toBody().error.code).toBe(error.code);
  });

  it("names every invalid field in the message", () => {
    const error = new ValidationError([
      { field: "page", message: "must be 1 or more" },
      { field: "pageSize", message: "must be 100 or less" },
    ]);
    expect(error.message).toBe("Invalid page, pageSize: must be 1 or more");
  });

  it("omits details from the body when there are none", () => {
    expect(new UnauthorizedError().toBody()).toEqual({ error: { code: "UNAUTHORIZED", message: "Sign-in required" } });
  });

  it("only INTERNAL is unexpected", () => {
    expect(errorOutcome(new NotFoundError("Post", 1)).reportToSentry).toBe(false);
    expect(errorOutcome(new InternalError(null)).reportToSentry).toBe(true);
  });

  it("keeps the operator's hint out of the public message and the body", () => {
    const error = new UnavailableError("database", { hint: "DATABASE_URL is not set" });
    expect(error.publicMessage).toBe("The database is unavailable, try again shortly");
    expect(error.message).toContain("DATABASE_URL is not set");
    expect(JSON.stringify(error.toBody())).not.toContain("DATABASE_URL");
  });

  it("answers 413 to a body that is too large", () => {
    const error = new PayloadTooLargeError(1_000_000);
    expect(error.status).toBe(413);
    expect(ERROR_CODES[error.code].trpc).toBe("PAYLOAD_TOO_LARGE");
  });
});
