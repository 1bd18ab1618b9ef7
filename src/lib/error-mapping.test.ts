import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, NotFoundError } from "./errors";
import { toAppError } from "./error-mapping";

describe("toAppError", () => {
  it("keeps app errors as they are", () => {
    const error = new NotFoundError("Post", 1);
    expect(toAppError(error)).toBe(error);
  });

  it("turns a zod error into a validation error naming the field", () => {
    const result = z.object({ page: z.number() }).safeParse({ page: "x" });
    const error = toAppError(result.error);
    expect(error.code).toBe("VALIDATION");
    expect(error.details).toMatchObject({ issues: [{ field: "page" }] });
  });

  it.each([
    { name: "PrismaClientKnownRequestError", code: "P1001" },
    { name: "PrismaClientInitializationError" },
    {
      name: "PrismaClientKnownRequestError",
      code: "P2010",
      meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } },
    },
    { name: "Error", cause: { code: "ECONNREFUSED" } },
    { name: "Error", message: "timeout exceeded when trying to connect" },
  ])("recognises an unreachable database: %j", (shape) => {
    const error = Object.assign(new Error(shape.message ?? "x"), shape);
    expect(toAppError(error)).toMatchObject({ code: "UNAVAILABLE", status: 503 });
  });

  it("hides anything else behind INTERNAL, keeping the cause for the logs", () => {
    const cause = new TypeError("boom");
    const error = toAppError(cause);
    expect(error).toMatchObject({ code: "INTERNAL", status: 500, expected: false });
    expect(error.message).not.toContain("boom");
    expect(error.cause).toBe(cause);
  });

  it("brands app errors so that a copy of the class from another bundle is still recognised", () => {
    const foreign = { [Symbol.for("scale-starter.AppError")]: true, code: "NOT_FOUND" };
    expect(AppError.is(foreign)).toBe(true);
    expect(AppError.is(new Error("x"))).toBe(false);
    expect(AppError.is(null)).toBe(false);
  });
});
