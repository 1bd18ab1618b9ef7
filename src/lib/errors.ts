// One error model for the whole app. Services throw these; src/lib/http.ts and
// src/server/trpc.ts are the only places that turn them into responses.

export const ERROR_CODES = {
  NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  VALIDATION: { status: 400, trpc: "BAD_REQUEST" },
  CONFLICT: { status: 409, trpc: "CONFLICT" },
  UNAUTHORIZED: { status: 401, trpc: "UNAUTHORIZED" },
  FORBIDDEN: { status: 403, trpc: "FORBIDDEN" },
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

// A brand rather than `instanceof`: Next bundles each route separately, so the same error
// class can exist twice in one server process.
const APP_ERROR = Symbol.for("scale-starter.AppError");

export class AppError extends Error {
  readonly [APP_ERROR] = true;

  static is(value: unknown): value is AppError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[APP_ERROR] === true;
  }

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  /** Expected errors are part of normal operation; only the others are incidents. */
  get expected(): boolean {
    return this.code !== "INTERNAL";
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string | number) {
    super("NOT_FOUND", `${entity} ${id} not found`, { entity, id });
  }
}

export class ValidationError extends AppError {
  constructor(readonly issues: FieldIssue[]) {
    const fields = [...new Set(issues.map((i) => i.field))].join(", ");
    super("VALIDATION", `Invalid ${fields}: ${issues[0]?.message ?? "invalid input"}`, { issues });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super("CONFLICT", message, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Sign-in required") {
    super("UNAUTHORIZED", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "Not allowed") {
    super("FORBIDDEN", message);
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("RATE_LIMITED", "Too many requests", { retryAfterSeconds });
  }
}

export class UnavailableError extends AppError {
  constructor(dependency: string, cause?: unknown) {
    super("UNAVAILABLE", `${dependency} is unavailable, try again shortly`, { dependency }, { cause });
  }
}

export class MethodNotAllowedError extends AppError {
  constructor(readonly allowed: string[]) {
    super("METHOD_NOT_ALLOWED", `Method not allowed; use ${allowed.join(", ")}`, { allowed });
  }
}

export class InternalError extends AppError {
  constructor(cause: unknown) {
    super("INTERNAL", "Something went wrong on our side", undefined, { cause });
  }
}
