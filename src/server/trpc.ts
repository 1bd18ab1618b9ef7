import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ERROR_CODES, type AppError } from "@/lib/errors";
import { toAppError } from "@/lib/error-mapping";
import type { Services } from "./services";

export interface Context {
  services: Services;
  requestId: string;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const appError = error.cause as AppError | undefined;
    return {
      ...shape,
      // Same code and details as the REST error body; never a stack trace.
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        appCode: appError?.code ?? "INTERNAL",
        details: appError?.details,
      },
    };
  },
});

// Turns whatever a procedure (or its input parser) throws into the app's error model,
// with the tRPC code that matches the REST status.
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const appError = toAppError(result.error.cause ?? result.error);
  throw new TRPCError({
    code: ERROR_CODES[appError.code].trpc,
    message: appError.expected ? appError.message : "Something went wrong on our side",
    cause: appError,
  });
});

export const router = t.router;
export const publicProcedure = t.procedure.use(mapErrors);
export const createCallerFactory = t.createCallerFactory;
