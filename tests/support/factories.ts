import { randomBytes } from "node:crypto";
import type { ImportCommentInput } from "@/modules/comments/comment.types";
import type { ImportPostInput } from "@/modules/posts/post.types";
import type { CreateUserInput } from "@/modules/users/user.types";
import type { Services } from "@/server/services";

let sequence = 0;
/** Unique across files and runs, so tests never collide on unique columns. */
export function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}-${randomBytes(3).toString("hex")}`;
}

/**
 * Test data through the real services, with overrides for what a test cares about. Posts and
 * comments go through the import paths, which name their author: no session, no rate limit.
 */
export function factories(services: () => Services) {
  const createUser = (overrides: Partial<CreateUserInput> = {}) =>
    services().users.createUser({ email: `${unique("user")}@example.com`, name: unique("User"), ...overrides });

  const createPost = async (overrides: Partial<ImportPostInput> = {}) =>
    services().posts.importPost({
      userId: overrides.userId ?? (await createUser()).id,
      title: unique("Post"),
      body: "A body.",
      ...overrides,
    });

  const createComment = async (overrides: Partial<ImportCommentInput> = {}) =>
    services().comments.importComment({
      postId: overrides.postId ?? (await createPost()).id,
      userId: overrides.userId ?? (await createUser()).id,
      body: unique("Comment"),
      ...overrides,
    });

  return { createUser, createPost, createComment };
}
