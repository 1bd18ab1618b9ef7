import { Link } from "@/components/Link";
import { useRouter } from "next/router";
import { useEffect, useId, useRef, useState } from "react";
import { loadAuthClient } from "@/lib/auth/load-auth-client";

/**
 * The signed-in user's menu: a disclosure (a button that shows a list of links), which keyboard
 * and screen-reader users know, rather than an ARIA menu widget.
 */
export function UserMenu({ name, isAdmin }: { name: string; isAdmin: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = () => setOpen(false);
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      close();
      buttonRef.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) close();
    };
    const onFocus = (event: FocusEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) close();
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("focusin", onFocus);
    router.events.on("routeChangeStart", close);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("focusin", onFocus);
      router.events.off("routeChangeStart", close);
    };
  }, [open, router.events]);

  async function signOut() {
    setOpen(false);
    // The client tells the session store, which reads the session again: signed out.
    await (await loadAuthClient()).signOut();
  }

  return (
    <div className="account-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="account-button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="visually-hidden">Account: </span>
        <span className="account-name">{name}</span>
        <span aria-hidden="true"> ▾</span>
      </button>
      <ul id={listId} className="account-menu-list" hidden={!open}>
        <li>
          <Link href="/posts/new">New post</Link>
        </li>
        <li>
          <Link href="/settings">Settings</Link>
        </li>
        {isAdmin && (
          <li>
            <Link href="/admin">Admin</Link>
          </li>
        )}
        <li>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </li>
      </ul>
    </div>
  );
}
