import { authErrorMessage } from "./auth/auth-messages";

// What a person reads when a write fails. The write forms call tRPC, whose errors carry the
// app's error (src/server/trpc.ts): the HTTP status, the app's code, its public message and its
// details (the fields of a 400, the reason of a 403, the wait of a 429). What is not such an
// error (offline, an unknown failure) is worded as the account forms word it.

interface TrpcErrorData {
  httpStatus?: number;
  appCode?: string;
  details?: unknown;
}

export interface WriteFailure {
  /** One or more sentences, for the form's alert region. */
  message: string;
  /** The input fields the server refused (a 400), to mark invalid. */
  fields: string[];
}

/** How the forms name the fields that a refusal names. */
const FIELD_NAMES: Record<string, string> = { title: "title", body: "text" };

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** "in 45 seconds", "in a minute", "in 3 minutes". */
export function retryDelay(seconds: number): string {
  if (seconds <= 1) return "in a second";
  if (seconds < 60) return `in ${Math.ceil(seconds)} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "in a minute" : `in ${minutes} minutes`;
}

function detail<T>(details: unknown, name: string): T | undefined {
  return details && typeof details === "object" ? ((details as Record<string, unknown>)[name] as T) : undefined;
}

export function writeFailure(error: unknown): WriteFailure {
  const failure = (error ?? {}) as { message?: string; data?: TrpcErrorData; cause?: unknown };
  const data = failure.data;
  // No answer from the server: tRPC wraps the fetch's TypeError.
  if (!data?.httpStatus) return { message: authErrorMessage(failure.cause ?? error), fields: [] };
  const { httpStatus: status, appCode: code, details } = data;
  const message = failure.message ?? "";
  if (status === 400) {
    const issues = detail<{ field: string; message: string }[]>(details, "issues") ?? [];
    if (issues.length > 0) {
      return {
        message: issues.map((i) => sentence(`The ${FIELD_NAMES[i.field] ?? i.field} ${i.message}`)).join(" "),
        fields: [...new Set(issues.map((i) => i.field))],
      };
    }
  }
  if (status === 401) return { message: "You are signed out: sign in again, then send this once more.", fields: [] };
  if (status === 404) {
    const entity = (detail<string>(details, "entity") ?? "page").toLowerCase();
    return { message: `This ${entity} no longer exists: it may have been deleted.`, fields: [] };
  }
  if (status === 413) return { message: "This is too long to send: shorten the text, then try again.", fields: [] };
  if (status === 429) {
    const seconds = detail<number>(details, "retryAfterSeconds");
    const when = typeof seconds === "number" ? retryDelay(seconds) : "in a minute";
    return { message: `You are writing faster than we allow: try again ${when}.`, fields: [] };
  }
  // 403 and other refusals carry a public message meant for the person; a 5xx does not.
  if (status < 500 && message) return { message: sentence(message), fields: [] };
  return { message: authErrorMessage({ status, error: { code, message } }), fields: [] };
}
