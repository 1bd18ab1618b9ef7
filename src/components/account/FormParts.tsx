import { useEffect, useRef, useSyncExternalStore, type InputHTMLAttributes, type ReactNode } from "react";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";

// The pieces every account form is made of: a labelled field, a message region that exists
// (empty, with its space reserved) before anything is announced in it, and a submit button
// that shows the form is busy.

const subscribeToNothing = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React runs the page: a form
 * submitted before that would be a plain HTML post, with none of the page's handling.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  id: string;
  label: string;
  hint?: string;
}

export function Field({ id, label, hint, ...input }: FieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A field for a password being chosen, with the server's length rules and a hint saying them. */
export function NewPasswordField({ id, label }: { id: string; label: string }) {
  return (
    <Field
      id={id}
      label={label}
      type="password"
      autoComplete="new-password"
      required
      minLength={PASSWORD_MIN_LENGTH}
      maxLength={PASSWORD_MAX_LENGTH}
      hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
    />
  );
}

/**
 * The form's messages: an error, announced at once, or a confirmation ("we sent a link"), read
 * out politely. Both regions exist before anything is said in them, as screen readers need,
 * and their space is reserved, so that a message appearing moves nothing.
 */
export function FormMessages({ error, status = "" }: { error: string; status?: string }) {
  return (
    <div className="form-messages">
      <p className="field-error" role="alert">
        {error}
      </p>
      <p role="status">{status}</p>
    </div>
  );
}

interface SubmitButtonProps {
  pending: boolean;
  busyText: string;
  children: ReactNode;
  /** Also disabled for this reason (a page still waiting for its token). */
  disabled?: boolean;
  /** A button that destroys something says so by its colour too. */
  danger?: boolean;
}

export function SubmitButton({ pending, busyText, children, disabled = false, danger = false }: SubmitButtonProps) {
  const hydrated = useHydrated();
  return (
    <button
      type="submit"
      className={danger ? "button button-danger" : "button"}
      disabled={!hydrated || pending || disabled}
    >
      {pending ? busyText : children}
    </button>
  );
}

/**
 * A heading that takes the focus when it appears, so a screen reader reads the new state of
 * the page (a form replaced by "check your inbox") instead of staying on a removed button.
 */
export function FocusedHeading({ children, level = 2 }: { children: ReactNode; level?: 2 | 3 }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <Heading ref={ref} tabIndex={-1} className="result-heading">
      {children}
    </Heading>
  );
}
