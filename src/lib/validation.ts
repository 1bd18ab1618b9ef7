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
