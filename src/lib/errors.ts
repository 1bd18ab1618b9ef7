// One error model for the whole app. Services throw these; src/lib/error-mapping.ts decides
// what each one becomes (status, tRPC code, log level, Sentry or not) for every adapter.

export const ERROR_CODES = {
  NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  VALIDATION: { status: 400, trpc: "BAD_REQUEST" },
  CONFLICT: { status: 409, trpc: "CONFLICT" },
  UNAUTHORIZED: { status: 401, trpc: "UNAUTHORIZED" },
  FORBIDDEN: { status: 403, trpc: "FORBIDDEN" },
  PAYLOAD_TOO_LARGE: { status: 413, trpc: "PAYLOAD_TOO_LARGE" },
  RATE_LIMITED: { status: 429, trpc: "TOO_MANY_REQUESTS" },
  UNAVAILABLE: { status: 503, trpc: "SERVICE_UNAVAILABLE" },
  METHOD_NOT_ALLOWED: { status: 405, trpc: "METHOD_NOT_SUPPORTED" },
  INTERNAL: { status: 500, trpc: "INTERNAL_SERVER_ERROR" },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type TrpcErrorCode = (typeof ERROR_CODES)[ErrorCode]["trpc"];

export interface FieldIssue {
  field: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

interface AppErrorOptions {
  /** Safe for the response body, shown with the code. */
  details?: unknown;
  /** For the operator only (logs): what to check or set. Never sent to a client. */
  hint?: string;
  cause?: unknown;
}

// A brand rather than `instanceof`: Next bundles each route separately, so the same error
// class can exist twice in one server process.
const APP_ERROR = Symbol.for("scale-starter.AppError");

/**
 * Two messages: `publicMessage` is what a client reads; `message` (the Error's own, with the
 * operator's hint) is what the logs read.
 */
export class AppError extends Error {
  readonly [APP_ERROR] = true;
  readonly details?: unknown;
  readonly hint?: string;

  static is(value: unknown): value is AppError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[APP_ERROR] === true;
  }

  constructor(
    readonly code: ErrorCode,
    readonly publicMessage: string,
    options: AppErrorOptions = {},
  ) {
    super(options.hint ? `${publicMessage} (${options.hint})` : publicMessage, { cause: options.cause });
    this.name = new.target.name;
    this.details = options.details;
    this.hint = options.hint;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.publicMessage,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string | number) {
    super("NOT_FOUND", `${entity} ${id} not found`, { details: { entity, id } });
  }
}

export class ValidationError extends AppError {
  constructor(
    readonly issues: FieldIssue[],
    cause?: unknown,
  ) {
    const fields = [...new Set(issues.map((i) => i.field))].join(", ");
    super("VALIDATION", `Invalid ${fields}: ${issues[0]?.message ?? "invalid input"}`, { details: { issues }, cause });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super("CONFLICT", message, { details });
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Sign-in required") {
    super("UNAUTHORIZED", message);
  }
}

/** `details` tells a client why (e.g. `{ reason: "email_unverified" }`), so its UI can offer the way out. */
export class ForbiddenError extends AppError {
  constructor(message = "Not allowed", details?: unknown) {
    super("FORBIDDEN", message, { details });
  }
}

/** REST answers it with a `Retry-After` header. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("RATE_LIMITED", "Too many requests", { details: { retryAfterSeconds } });
  }
}

/** `what` names the part over its limit: the request body, the URL. */
export class PayloadTooLargeError extends AppError {
  constructor(
    readonly limitBytes: number,
    what = "request body",
  ) {
    super("PAYLOAD_TOO_LARGE", `The ${what} is larger than ${limitBytes} bytes`, { details: { limitBytes } });
  }
}

export class UnavailableError extends AppError {
  constructor(
    readonly dependency: string,
    options: { cause?: unknown; hint?: string } = {},
  ) {
    super("UNAVAILABLE", `The ${dependency} is unavailable, try again shortly`, {
      details: { dependency },
      ...options,
    });
  }
}

export class MethodNotAllowedError extends AppError {
  constructor(readonly allowed: string[]) {
    super("METHOD_NOT_ALLOWED", `Method not allowed; use ${allowed.join(", ")}`, { details: { allowed } });
  }
}

/** Anything that is not an AppError: a bug. Its cause is the thrown value, for logs and Sentry. */
export class InternalError extends AppError {
  constructor(cause: unknown) {
    super("INTERNAL", "Something went wrong on our side", { cause });
  }
}
