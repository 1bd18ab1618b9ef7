import { z } from "zod";
import {
  AppError,
  ERROR_CODES,
  InternalError,
  UnavailableError,
  ValidationError,
  type ErrorCode,
  type TrpcErrorCode,
} from "./errors";
import { issuesFromZod } from "./validation";

// Prisma and node-postgres codes that mean "the database cannot be reached or is overloaded".
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "DatabaseAccessDenied",
  "AuthenticationFailed",
  "SocketTimeout",
  "ConnectionClosed",
  "TooManyConnections",
  "TransactionAlreadyClosed",
]);
const UNAVAILABLE_NODE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "57P01",
  "57P03",
  "53300",
]);

interface ErrorLike {
  name?: string;
  code?: string;
  severity?: string;
  message?: string;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string; code?: string } } };
}

// SQLSTATE class 22, "data exception": a value PostgreSQL refuses (a NUL in text, an
// out-of-range number). Validation should have caught it, so it is the input's fault.
const DATA_EXCEPTION = /^22[0-9A-Z]{3}$/;
const QUERY_CANCELED = "57014"; // statement_timeout fired: the database is overloaded

/** The SQLSTATE of a PostgreSQL error, as node-postgres raises it or Prisma's adapter passes it on. */
export function sqlStateOf(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== "object" || depth > 4) return undefined;
  const e = error as ErrorLike;
  const adapterCause = e.meta?.driverAdapterError?.cause;
  const fromAdapter = adapterCause?.originalCode ?? (adapterCause?.kind === "postgres" ? adapterCause.code : undefined);
  if (fromAdapter) return fromAdapter;
  // node-postgres errors carry a severity; Prisma's own P-codes do not and are not SQLSTATEs.
  if (typeof e.code === "string" && typeof e.severity === "string") return e.code;
  return sqlStateOf(e.cause, depth + 1);
}

function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as ErrorLike;
  if (e.name === "PrismaClientInitializationError") return true;
  if (e.code && (UNAVAILABLE_PRISMA_CODES.has(e.code) || UNAVAILABLE_NODE_CODES.has(e.code))) return true;
  const kind = e.meta?.driverAdapterError?.cause?.kind;
  if (kind && UNAVAILABLE_ADAPTER_KINDS.has(kind)) return true;
  if (e.message && /Connection terminated|timeout exceeded when trying to connect/i.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

// What tRPC throws on its own (an unknown procedure, a body it cannot parse), read back into
// the app's codes. Duck-typed so that REST and pages do not import @trpc/server.
// PARSE_ERROR has no app code of its own: input tRPC cannot decode is bad input.
const FROM_TRPC_CODES: Record<string, ErrorCode | undefined> = {
  ...Object.fromEntries(Object.entries(ERROR_CODES).map(([code, { trpc }]) => [trpc, code as ErrorCode])),
  PARSE_ERROR: "VALIDATION",
};

function isTrpcError(error: unknown): error is { name: "TRPCError"; code: string; message: string; cause?: unknown } {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "TRPCError";
}

/** Turns anything thrown into the app's error model; unknown errors become INTERNAL. */
export function toAppError(error: unknown): AppError {
  if (AppError.is(error)) return error;
  if (isTrpcError(error)) {
    if (AppError.is(error.cause) || error.cause instanceof z.ZodError) return toAppError(error.cause);
    const code = FROM_TRPC_CODES[error.code];
    if (code && code !== "INTERNAL") return new AppError(code, error.message, { cause: error.cause });
    // tRPC wraps whatever a procedure threw: judge the thrown value itself (an outage, a bug).
    return error.cause === undefined ? new InternalError(error) : toAppError(error.cause);
  }
  if (error instanceof z.ZodError) return new ValidationError(issuesFromZod(error));
  if (isDatabaseUnavailable(error)) return new UnavailableError("database", { cause: error });
  const sqlState = sqlStateOf(error);
  if (sqlState === QUERY_CANCELED) return new UnavailableError("database", { cause: error });
  if (sqlState && DATA_EXCEPTION.test(sqlState)) {
    return new ValidationError([{ field: "input", message: "contains a value the database cannot store" }], error);
  }
  return new InternalError(error);
}

type FailureLogLevel = "error" | "warn" | "debug";

/** What every adapter (REST, pages, tRPC) does with one failure. */
export interface ErrorOutcome {
  error: AppError;
  status: number;
  trpcCode: TrpcErrorCode;
  /** Headers the answer carries, whichever adapter writes it (`Retry-After`, `Allow`). */
  headers: Record<string, string>;
  logLevel: FailureLogLevel;
  /** Sentry hears of bugs only: an outage is a warning for the operator, bad input is normal. */
  reportToSentry: boolean;
  /** What the logs and Sentry get: the thrown value itself, with its own stack. */
  original: unknown;
}

/**
 * The one outcome policy: the same failure gets the same status, log level and Sentry
 * decision whichever door it came through.
 */
export function errorOutcome(thrown: unknown): ErrorOutcome {
  const error = toAppError(thrown);
  const unexpected = error.code === "INTERNAL";
  return {
    error,
    status: error.status,
    trpcCode: ERROR_CODES[error.code].trpc,
    headers: headersFor(error),
    logLevel: unexpected ? "error" : error.code === "UNAVAILABLE" ? "warn" : "debug",
    reportToSentry: unexpected,
    original: unexpected && error.cause !== undefined ? error.cause : error,
  };
}

// Read from the code and details, not `instanceof`: the class may come from another bundle.
function headersFor(error: AppError): Record<string, string> {
  const details = (error.details ?? {}) as { retryAfterSeconds?: number; allowed?: string[] };
  if (error.code === "RATE_LIMITED" && details.retryAfterSeconds !== undefined) {
    return { "Retry-After": String(Math.max(0, Math.ceil(details.retryAfterSeconds))) };
  }
  if (error.code === "METHOD_NOT_ALLOWED" && details.allowed) return { Allow: details.allowed.join(", ") };
  return {};
}
