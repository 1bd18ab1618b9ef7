// What a person reads when an account call fails. better-auth answers with its own codes
// (`{ code, message }`); the app's own guards (rate limits, the origin check) answer with the
// app's error body (`{ error: { code, message } }`). Both arrive here through better-fetch,
// which adds the HTTP status.

export interface AuthCallError {
  status?: number;
  code?: string;
  message?: string;
  error?: { code?: string; message?: string };
}

const MESSAGES: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "That email and password do not match an account.",
  INVALID_PASSWORD: "That password is not the right one.",
  INVALID_EMAIL: "Enter a valid email address.",
  PASSWORD_TOO_SHORT: "Use at least 8 characters for the password.",
  PASSWORD_TOO_LONG: "Use at most 128 characters for the password.",
  USER_ALREADY_EXISTS: "An account already uses this email address. Sign in instead.",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "An account already uses this email address. Sign in instead.",
  INVALID_TOKEN: "This link cannot be used: it was used already, it has expired, or it is incomplete.",
  TOKEN_EXPIRED: "This link has expired.",
  EMAIL_ALREADY_VERIFIED: "Your email address is already confirmed.",
  SESSION_EXPIRED: "For your safety, sign in again before doing this.",
  SESSION_NOT_FRESH: "For your safety, sign in again to see this.",
  CREDENTIAL_ACCOUNT_NOT_FOUND: "Your account has no password yet: use “Forgot your password?” to set one.",
  RATE_LIMITED: "Too many attempts. Wait a minute, then try again.",
};

const FALLBACK = "Something went wrong on our side. Try again in a moment.";

/** A sentence for the person, from a failed call's error, or from a thrown one (offline). */
export function authErrorMessage(error: AuthCallError | unknown): string {
  if (!error || typeof error !== "object") return FALLBACK;
  const failure = error as AuthCallError;
  if (failure.status === 429) return MESSAGES.RATE_LIMITED!;
  const code = failure.code ?? failure.error?.code;
  if (code && MESSAGES[code]) return MESSAGES[code];
  if (error instanceof TypeError) return "We could not reach the server. Check your connection and try again.";
  // Other refusals carry a message meant for the caller (the app's public message, or
  // better-auth's short English one); a server error's message is not for the person.
  const message = failure.error?.message ?? failure.message;
  if (failure.status && failure.status >= 400 && failure.status < 500 && message) return message;
  return FALLBACK;
}
