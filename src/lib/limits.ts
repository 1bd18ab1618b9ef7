// What one request may carry (README, "Security"). Plain constants: the browser's tRPC link
// imports them, and server code must not ride along.

/** A tRPC request: a batch of up to MAX_BATCH_SIZE mutations, each within its write limit. */
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * A REST write (POST, PATCH): the longest post (20,000 characters) with room to spare in any
 * script of up to three bytes a character; anything larger is refused before it is parsed.
 */
export const MAX_WRITE_BODY_BYTES = 64 * 1024;
/** Path and query string together: room for a batch of tRPC inputs, below Node's 16 KB of headers. */
export const MAX_URL_BYTES = 8 * 1024;
/** Calls in one tRPC batch: one request may not fan out past what the database pool serves. */
export const MAX_BATCH_SIZE = 10;
