import { useCallback, useState } from "react";
import { loadTrpcClient } from "@/lib/load-trpc-client";
import type { AppTrpcClient } from "@/lib/trpc-links";
import { writeFailure } from "@/lib/write-messages";

/**
 * One write at a time from a form or a button, through the app's tRPC client (ADR 0111):
 * `pending` while it runs, then the sentence to show and the fields to mark when it fails.
 * `then` (showing the new state: a navigation, a reload) runs while still pending, so the
 * form cannot be sent twice meanwhile. `run` resolves to whether the write succeeded.
 */
export function useWrite() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState("");
  const [invalidFields, setInvalidFields] = useState<string[]>([]);
  const run = useCallback(
    async <T>(call: (trpc: AppTrpcClient) => Promise<T>, then?: (result: T) => Promise<unknown>): Promise<boolean> => {
      setPending(true);
      setError("");
      setInvalidFields([]);
      let result: T;
      try {
        result = await call(await loadTrpcClient());
      } catch (thrown) {
        const failure = writeFailure(thrown);
        setError(failure.message);
        setInvalidFields(failure.fields);
        setPending(false);
        return false;
      }
      try {
        await then?.(result);
      } finally {
        setPending(false);
      }
      return true;
    },
    [],
  );
  return { pending, error, invalidFields, run };
}
