import type { ErrorBody } from "@/lib/errors";

const HEADINGS: Partial<Record<ErrorBody["error"]["code"], string>> = {
  VALIDATION: "That request did not make sense",
  UNAVAILABLE: "We cannot reach our database right now",
};

export function ErrorState({ error }: { error: ErrorBody["error"] }) {
  return (
    <section className="error-state" role="alert">
      <h1>{HEADINGS[error.code] ?? "Something went wrong"}</h1>
      <p>{error.message}</p>
    </section>
  );
}
