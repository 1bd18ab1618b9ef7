import type { IncomingMessage } from "node:http";
import { PayloadTooLargeError, ValidationError } from "./errors";
import { MAX_URL_BYTES, MAX_WRITE_BODY_BYTES } from "./limits";

// Node itself answers 431 past 16 KB of headers; below that, the app answers in its own shape.

export function assertUrlWithinLimit(req: Pick<IncomingMessage, "url">): void {
  if (Buffer.byteLength(req.url ?? "") > MAX_URL_BYTES) throw new PayloadTooLargeError(MAX_URL_BYTES, "URL");
}

const METHODS_WITHOUT_BODY = new Set(["GET", "HEAD", "OPTIONS", "DELETE"]);
const FORM = /^application\/x-www-form-urlencoded\b/i;

/** Whether the body is an HTML form's (a route that accepts forms answers it with a redirect). */
export function isFormBody(req: Pick<IncomingMessage, "headers">): boolean {
  return FORM.test(String(req.headers["content-type"] ?? ""));
}

export interface BodyOptions {
  /** Also read an HTML form's fields, as an object of strings (a route that works without JavaScript). */
  forms?: boolean;
}

/**
 * The JSON body of a REST request (only writes carry one), read with the write limit: a larger
 * body is a 413 as soon as the limit is passed (the rest is never buffered), malformed JSON a
 * 400. No body reads as `undefined`.
 */
export async function readJsonBody(
  req: IncomingMessage & { body?: unknown },
  { forms = false }: BodyOptions = {},
): Promise<unknown> {
  if (req.body !== undefined || METHODS_WITHOUT_BODY.has(req.method ?? "GET")) return req.body;
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_WRITE_BODY_BYTES) throw new PayloadTooLargeError(MAX_WRITE_BODY_BYTES);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_WRITE_BODY_BYTES) throw new PayloadTooLargeError(MAX_WRITE_BODY_BYTES);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  if (forms && isFormBody(req)) return Object.fromEntries(new URLSearchParams(text));
  const type = String(req.headers["content-type"] ?? "");
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new ValidationError([{ field: "body", message: "must be JSON (Content-Type: application/json)" }]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError([{ field: "body", message: "is not valid JSON" }]);
  }
}
