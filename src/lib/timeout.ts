/** What `withTimeout` rejects with when the operation is too slow. */
export class TimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
  ) {
    super(`${what} did not answer within ${timeoutMs} ms`);
    this.name = "TimeoutError";
  }
}

/**
 * The operation's result, or a TimeoutError after `timeoutMs`. The timer is cleared either
 * way, so a fast answer leaves nothing behind to keep the process alive. The operation itself
 * is not cancelled: its late result is ignored.
 */
export function withTimeout<T>(operation: Promise<T>, timeoutMs: number, what = "operation"): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, timeoutMs)), timeoutMs);
  });
  return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
}
