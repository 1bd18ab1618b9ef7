import { z } from "zod";
import { AppError, InternalError, UnavailableError, ValidationError } from "./errors";
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
  message?: string;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: string } } };
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

/** Turns anything thrown into the app's error model; unknown errors become INTERNAL. */
export function toAppError(error: unknown): AppError {
  if (AppError.is(error)) return error;
  if (error instanceof z.ZodError) return new ValidationError(issuesFromZod(error));
  if (isDatabaseUnavailable(error)) return new UnavailableError("database", error);
  return new InternalError(error);
}
