import { APIError } from "better-auth/api";
import { zText } from "@/lib/validation";

// better-auth checks that a name is a string, nothing more: the same text rules as every other
// input of the app (bounded, no NUL, trimmed) hold for it here, on the server, whatever the
// form let through. Empty stays allowed: a magic-link sign-up creates a user before any name.
const zUserName = zText({ min: 0, max: 100 });

/** better-auth's `databaseHooks.user.{create,update}.before`: a clean name, or a 400 naming it. */
export async function checkUserName<T extends { name?: string }>(user: T): Promise<{ data: T } | void> {
  if (user.name === undefined) return;
  const result = zUserName.safeParse(user.name);
  if (!result.success) {
    throw new APIError("BAD_REQUEST", { code: "INVALID_NAME", message: `name ${result.error.issues[0]?.message}` });
  }
  return { data: { ...user, name: result.data } };
}
