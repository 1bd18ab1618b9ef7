import { useEffect, useRef, useState } from "react";
import { useHydrated } from "@/components/account/FormParts";
import type { AppTrpcClient } from "@/lib/trpc-links";
import { useWrite } from "./use-write";

interface DeleteButtonProps {
  /** What is deleted, for the buttons' names: "this post", "the comment by Ada". */
  what: string;
  remove: (trpc: AppTrpcClient) => Promise<unknown>;
  /** Shows the new state once deleted (a navigation, a reload). */
  then: () => Promise<unknown>;
}

/**
 * "Delete", then "Delete for good" or "Keep": a deletion cannot be undone, so it takes a second
 * click, and the focus moves to that choice. A refusal (403, 404, 429) is said beside it.
 */
export function DeleteButton({ what, remove, then }: DeleteButtonProps) {
  const hydrated = useHydrated();
  const write = useWrite();
  const [confirming, setConfirming] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);

  return (
    <span className="delete-control">
      {confirming ? (
        <>
          <button
            type="button"
            className="button-small button-danger"
            disabled={write.pending}
            onClick={() => void write.run(remove, then)}
          >
            {write.pending ? "Deleting…" : "Delete for good"}
            <span className="visually-hidden"> {what}</span>
          </button>
          <button
            ref={keepRef}
            type="button"
            className="button-link"
            disabled={write.pending}
            onClick={() => setConfirming(false)}
          >
            Keep it
          </button>
        </>
      ) : (
        <button type="button" className="button-small" disabled={!hydrated} onClick={() => setConfirming(true)}>
          Delete<span className="visually-hidden"> {what}</span>
        </button>
      )}
      <span role="alert" className="field-error">
        {write.error}
      </span>
    </span>
  );
}
