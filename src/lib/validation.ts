import { z } from "zod";
import { ValidationError, type FieldIssue } from "./errors";

export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join(".") : "input",
    message: issue.message,
  }));
}

/** Parses untrusted input; a failure is a ValidationError that names each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(issuesFromZod(result.error));
  return result.data;
}

/** A positive 32-bit integer id, as PostgreSQL's SERIAL stores it. */
export const zId = z.coerce
  .number({ error: "must be a number" })
  .int({ error: "must be a whole number" })
  .positive({ error: "must be a positive id" })
  .max(2_147_483_647, { error: "is too large" });

// PostgreSQL refuses a NUL in text (SQLSTATE 22021) and UTF-8 cannot encode a lone surrogate:
// either would otherwise get past validation and fail in the database as a 500.
const NOT_STORABLE = /[\0\p{Cs}]/u;

export interface TextLimits {
  /** Characters after trimming; 1 (the default) means "required". */
  min?: number;
  max: number;
  /** The message when shorter than `min`. */
  minMessage?: string;
}

/**
 * Every string that comes from outside goes through this: trimmed, bounded, and free of what
 * PostgreSQL cannot store. A generous bound before trimming means a huge value costs no scan.
 */
export function zText({ min = 1, max, minMessage }: TextLimits) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? "is required" : "must be text") })
    .max(max * 4, { error: `must be ${max} characters or less`, abort: true })
    .refine((text) => !NOT_STORABLE.test(text), {
      error: "must not contain NUL characters or unpaired surrogates",
      abort: true,
    })
    .trim()
    .min(min, { error: minMessage ?? (min === 1 ? "is required" : `must be at least ${min} characters`) })
    .max(max, { error: `must be ${max} characters or less` });
}
