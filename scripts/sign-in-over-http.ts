/**
 * Signs an existing account in on a running server as a browser would (a same-origin POST to
 * better-auth's /api/auth/sign-in/email) and returns the Cookie header of its session: for the
 * benchmark's timed writes and the Lighthouse audit's signed-in pages.
 */
export async function signInOverHttp(origin: string, account: { email: string; password: string }): Promise<string> {
  const response = await fetch(new URL("/api/auth/sign-in/email", origin), {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify(account),
  });
  if (!response.ok) throw new Error(`signing ${account.email} in failed: ${response.status} ${await response.text()}`);
  return cookieFrom(response.headers);
}

/** The `Cookie` header a browser would send back after these `Set-Cookie` headers. */
export function cookieFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}
