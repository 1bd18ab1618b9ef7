import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { errorOutcome } from "@/lib/error-mapping";
import { PayloadTooLargeError, ValidationError } from "@/lib/errors";
import { MAX_BODY_BYTES } from "@/lib/limits";
import type { Actor } from "@/modules/users/user.types";
import type { Services } from "./services";

export interface Context {
  services: Services;
  /** The request's signed-in user, read from the session on first call, at most once a request. */
  getActor: () => Promise<Actor | null>;
  /** Revalidates the static pages a write changed (src/lib/revalidation.ts), before the answer. */
  revalidatePages: (paths: string[]) => Promise<unknown>;
}

/**
 * A mutation's result, once the static pages `pagesOf` names for it are revalidated:
 * `.mutation(({ ctx, input }) => ctx.services.x.write(ctx.actor, input).then(afterRevalidating(ctx, pagesOf)))`.
 */
export function afterRevalidating<T>(ctx: Context, pagesOf: (result: T) => string[]): (result: T) => Promise<T> {
  return async (result) => {
    await ctx.revalidatePages(pagesOf(result));
    return result;
  };
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // The same outcome policy as REST and pages: the same code, public message and details as
  // the REST error body; never a stack trace, never an operator's hint.
  errorFormatter({ shape, error }) {
    const { error: appError } = errorOutcome(error);
    return {
      ...shape,
      message: appError.publicMessage,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        appCode: appError.code,
        details: appError.details,
      },
    };
  },
});

/** The tRPC error that answers anything thrown with the same status as REST would. */
export function toTrpcError(thrown: unknown): TRPCError {
  const outcome = errorOutcome(thrown);
  return new TRPCError({ code: outcome.trpcCode, message: outcome.error.publicMessage, cause: outcome.error });
}

// Turns whatever a procedure (or its input parser) throws into the tRPC code that matches the
// REST status. The handler's onError records it (log, Sentry) through the same policy.
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  throw toTrpcError(result.error);
});

// tRPC parses the `input` parameter (JSON, then superjson) lazily, when the input parser asks:
// a malformed one would surface from inside the procedure as an unexpected error. Reading it
// first, here, makes it what it is: bad input.
const readRawInput = t.middleware(async ({ getRawInput, next }) => {
  try {
    await getRawInput();
  } catch (cause) {
    // A body over maxBodySize stops the read: too large, not malformed.
    if (cause instanceof TRPCError && cause.code === "PAYLOAD_TOO_LARGE")
      throw new PayloadTooLargeError(MAX_BODY_BYTES);
    throw new ValidationError([{ field: "input", message: "is not valid JSON in tRPC's encoding" }], cause);
  }
  return next();
});

/**
 * A procedure's input parser that only types it (for the client): the service validates the
 * raw input with the schema of `<domain>.types.ts`, the one place its rules live (ADR 0041).
 */
export function rawInput<T>(): (input: unknown) => T {
  return (input) => input as T;
}

export const router = t.router;
export const publicProcedure = t.procedure.use(mapErrors).use(readRawInput);

/**
 * Procedures that act for a user: the session is read for them only (a public query never
 * pays for the lookup), once however many calls a batch holds. The procedure hands `ctx.actor`
 * (null when nobody is signed in) to its service, which decides: 401, 403, or the write.
 */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) =>
  next({ ctx: { actor: await ctx.getActor() } }),
);
export const createCallerFactory = t.createCallerFactory;
