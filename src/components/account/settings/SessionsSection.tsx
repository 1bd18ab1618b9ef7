import { useEffect, useState } from "react";
import { authClient, type AuthClient } from "@/lib/auth/auth-client";
import { authErrorMessage } from "@/lib/auth/auth-messages";
import { describeDevice } from "@/lib/auth/user-agent";
import { formatDate } from "@/lib/format";
import { FormMessages, useHydrated } from "../FormParts";
import { useAuthAction, type CallResult } from "../use-auth-action";

interface DeviceSession {
  token: string;
  userAgent?: string | null;
  createdAt: Date | string;
}

interface SessionsSectionProps {
  currentToken: string;
  /** Changes when something else revoked sessions (a password change), to list them again. */
  version: number;
}

export function SessionsSection({ currentToken, version }: SessionsSectionProps) {
  const hydrated = useHydrated();
  const revoke = useAuthAction();
  const [sessions, setSessions] = useState<DeviceSession[] | null>(null);
  const [loadError, setLoadError] = useState("");
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    authClient.listSessions().then(
      ({ data, error }) => {
        if (!current) return;
        setSessions(data ?? []);
        setLoadError(error ? authErrorMessage(error) : "");
      },
      (thrown: unknown) => current && setLoadError(authErrorMessage(thrown)),
    );
    return () => {
      current = false;
    };
  }, [version, reloads]);

  async function signOut(call: (client: AuthClient) => Promise<CallResult<unknown>>) {
    const result = await revoke.run(call);
    if (!result.error) setReloads((count) => count + 1);
  }

  const others = (sessions ?? []).filter((session) => session.token !== currentToken);
  const busy = !hydrated || revoke.pending;
  return (
    <section className="settings-section" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Signed-in devices</h2>
      {sessions === null && !loadError && <p aria-busy="true">Loading your devices…</p>}
      <ul className="session-list">
        {(sessions ?? []).map((session) => {
          const device = describeDevice(session.userAgent);
          const since = formatDate(new Date(session.createdAt).toISOString());
          return (
            <li key={session.token}>
              <span>
                <strong>{device}</strong>
                <span className="meta"> · signed in {since}</span>
                {session.token === currentToken && <span className="badge">This device</span>}
              </span>
              {session.token !== currentToken && (
                <button
                  type="button"
                  className="button-link"
                  disabled={busy}
                  aria-label={`Sign out ${device}, signed in ${since}`}
                  onClick={() => void signOut((c) => c.revokeSession({ token: session.token }))}
                >
                  Sign out
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {others.length > 0 && (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void signOut((c) => c.revokeOtherSessions())}
        >
          {revoke.pending ? "Signing out…" : "Sign out everywhere else"}
        </button>
      )}
      <FormMessages error={loadError || revoke.error} />
    </section>
  );
}
