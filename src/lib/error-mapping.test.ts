import pg from "pg";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, MethodNotAllowedError, NotFoundError, RateLimitedError } from "./errors";
import { TRPCError } from "@trpc/server";
import { errorOutcome, toAppError } from "./error-mapping";

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

  const databaseError = (code: string) =>
    Object.assign(new pg.DatabaseError("refused", 0, "error"), { code, severity: "ERROR" });

  it.each(["22021", "22P02", "22003", "22001"])("answers PostgreSQL's data exception %s as bad input (400)", (code) => {
    expect(toAppError(databaseError(code))).toMatchObject({ code: "VALIDATION", status: 400 });
    const viaPrisma = Object.assign(new Error("x"), {
      name: "PrismaClientKnownRequestError",
      code: "P2010",
      meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: code } } },
    });
    expect(toAppError(viaPrisma)).toMatchObject({ code: "VALIDATION", status: 400 });
  });

  it("answers a statement timeout (57014) as unavailable (503)", () => {
    expect(toAppError(databaseError("57014"))).toMatchObject({ code: "UNAVAILABLE", status: 503 });
    expect(toAppError(new Error("wrapped", { cause: databaseError("57014") }))).toMatchObject({ status: 503 });
  });

  it("does not read Prisma's own P codes as SQLSTATEs", () => {
    const prisma = Object.assign(new Error("x"), { name: "PrismaClientKnownRequestError", code: "P2025" });
    expect(toAppError(prisma).code).toBe("INTERNAL");
    expect(toAppError(databaseError("P0001")).code).toBe("INTERNAL");
  });

  it("hides anything else behind INTERNAL, keeping the cause for the logs", () => {
    const cause = new TypeError("boom");
    const error = toAppError(cause);
    expect(error).toMatchObject({ code: "INTERNAL", status: 500 });
    expect(errorOutcome(cause).reportToSentry).toBe(true);
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

describe("errorOutcome", () => {
  it.each([
    [new NotFoundError("Post", 1), 404, "NOT_FOUND", "debug", false],
    [Object.assign(new Error("x"), { code: "P1001" }), 503, "SERVICE_UNAVAILABLE", "warn", false],
    [new TypeError("bug"), 500, "INTERNAL_SERVER_ERROR", "error", true],
  ])("decides status, tRPC code, log level and Sentry for %s", (thrown, status, trpcCode, logLevel, sentry) => {
    expect(errorOutcome(thrown)).toMatchObject({ status, trpcCode, logLevel, reportToSentry: sentry });
  });

  it("hands the logs and Sentry the thrown bug itself, not its wrapper", () => {
    const bug = new TypeError("bug");
    expect(errorOutcome(bug).original).toBe(bug);
  });

  it("reads tRPC's own errors and what a procedure threw inside them", () => {
    expect(errorOutcome(new TRPCError({ code: "NOT_FOUND", message: "No procedure" }))).toMatchObject({
      status: 404,
      logLevel: "debug",
    });
    expect(errorOutcome(new TRPCError({ code: "METHOD_NOT_SUPPORTED" })).error.code).toBe("METHOD_NOT_ALLOWED");
    // Input tRPC cannot decode has no code of its own in the app: it is bad input.
    expect(errorOutcome(new TRPCError({ code: "PARSE_ERROR", message: "Unexpected token" }))).toMatchObject({
      status: 400,
      trpcCode: "BAD_REQUEST",
      reportToSentry: false,
    });
    const outage = Object.assign(new Error("x"), { code: "ECONNREFUSED" });
    expect(errorOutcome(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: outage })).status).toBe(503);
    const bug = new TypeError("bug");
    expect(errorOutcome(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: bug })).original).toBe(bug);
    expect(errorOutcome(new TRPCError({ code: "INTERNAL_SERVER_ERROR" })).reportToSentry).toBe(true);
    const appError = new NotFoundError("Post", 2);
    expect(errorOutcome(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: appError })).error).toBe(appError);
  });

  it("adds the headers the answer needs", () => {
    expect(errorOutcome(new RateLimitedError(12.2)).headers).toEqual({ "Retry-After": "13" });
    expect(errorOutcome(new MethodNotAllowedError(["GET", "HEAD"])).headers).toEqual({ Allow: "GET, HEAD" });
    expect(errorOutcome(new NotFoundError("Post", 1)).headers).toEqual({});
  });
});
