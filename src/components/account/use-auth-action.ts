import { useCallback, useState } from "react";
import type { AuthClient } from "@/lib/auth/auth-client";
import { authErrorMessage, type AuthCallError } from "@/lib/auth/auth-messages";
import { loadAuthClient } from "@/lib/auth/load-auth-client";

/** What better-auth's client calls resolve to (they never throw for an HTTP error). */
export type CallResult<T> = { data: T; error: null } | { data: null; error: AuthCallError };

/**
 * One account call at a time from a form: `pending` while it runs, and the sentence to show
 * when it fails (an HTTP error or a thrown one, such as being offline).
 */
export function useAuthAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState("");
  const run = useCallback(async <T>(call: (client: AuthClient) => Promise<CallResult<T>>): Promise<CallResult<T>> => {
    setPending(true);
    setError("");
    try {
      const result = await call(await loadAuthClient());
      if (result.error) setError(authErrorMessage(result.error));
      return result;
    } catch (thrown) {
      setError(authErrorMessage(thrown));
      return { data: null, error: { status: 0 } };
    } finally {
      setPending(false);
    }
  }, []);
  return { pending, error, setError, run };
}

/** The text of a form field (FormData gives strings for text inputs). */
export function fieldValue(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === "string" ? value : "";
}
