// The columns better-auth adds to its user, declared once for the server's configuration
// (src/lib/auth/auth.ts) and the browser's client (src/lib/auth/auth-client.ts), whose session
// types then include them.
export const USER_ADDITIONAL_FIELDS = {
  // Read by our services for authorization; never set by a sign-up (input: false).
  role: { type: "string", required: false, defaultValue: "member", input: false },
} as const;
