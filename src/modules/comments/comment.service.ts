import { CACHE_TTL, cacheKeys, cacheTags, type AppCache } from "@/lib/cache-policy";
import { NotFoundError } from "@/lib/errors";
import { readCachedPage } from "@/lib/cached-page";
import type { Page } from "@/lib/pagination";
import type { RateLimiter } from "@/lib/rate-limit";
import { parseInput } from "@/lib/validation";
import type { PostRepository } from "@/modules/posts/post.repository";
import { assertMayChange, requireWriter } from "@/modules/users/user.authorization";
import type { UserRepository } from "@/modules/users/user.repository";
import type { Actor } from "@/modules/users/user.types";
import type { CommentRepository } from "./comment.repository";
import {
  zCommentIdInput,
  zCommentsByPostInput,
  zCreateCommentInput,
  zImportCommentInput,
  type CommentOnPost,
  type CommentRecord,
  type DeletedComment,
  type CommentView,
} from "./comment.types";

export interface CommentServiceDeps {
  comments: Pick<
    CommentRepository,
    "findItemsByPost" | "countByPost" | "findOwners" | "create" | "createMany" | "deleteById"
  >;
  posts: Pick<PostRepository, "exists" | "findAuthorId" | "findExistingIds">;
  users: Pick<UserRepository, "exists" | "findExistingIds">;
  cache: AppCache;
  /** The per-user write rate (RATE_LIMITS.write). */
  limiter: RateLimiter;
}

/** A comment added or removed: its post's comment pages, and the comment counts every list of posts shows. */
const tagsOfCommentsOn = (postId: number) => [cacheTags.postComments(postId), cacheTags.postLists];

export class CommentService {
  constructor(private readonly deps: CommentServiceDeps) {}

  /** Every public method takes raw input and validates it here. */
  async getCommentsForPost(input: unknown): Promise<Page<CommentView>> {
    const { postId, ...query } = parseInput(zCommentsByPostInput, input);
    const cached = { ttl: CACHE_TTL.list, tags: [cacheTags.postComments(postId)] };
    return readCachedPage(this.deps.cache, {
      query,
      items: {
        key: cacheKeys.commentsPage(postId, query),
        load: (slice) => this.deps.comments.findItemsByPost(postId, slice),
        ...cached,
      },
      count: {
        key: cacheKeys.commentsCount(postId),
        load: async () => {
          const total = await this.deps.comments.countByPost(postId);
          if (total === 0 && !(await this.deps.posts.exists(postId))) throw new NotFoundError("Post", postId);
          return total;
        },
        ...cached,
      },
    });
  }

  /** POST /api/posts/:id/comments, comments.create: a comment by the acting user. */
  async createComment(actor: Actor | null, input: unknown): Promise<CommentOnPost> {
    const author = await requireWriter(actor, this.deps.limiter);
    const data = parseInput(zCreateCommentInput, input);
    const postAuthorId = await this.deps.posts.findAuthorId(data.postId);
    if (postAuthorId === null) throw new NotFoundError("Post", data.postId);
    const comment = await this.deps.comments.create({ ...data, userId: author.id });
    if (!comment) throw new NotFoundError("Post", data.postId);
    await this.deps.cache.invalidate(...tagsOfCommentsOn(data.postId));
    return { ...comment, postAuthorId };
  }

  /** DELETE /api/comments/:id, comments.delete: by its author, its post's author, or an admin. */
  async deleteComment(actor: Actor | null, input: unknown): Promise<DeletedComment> {
    const deleter = await requireWriter(actor, this.deps.limiter);
    const { id } = parseInput(zCommentIdInput, input);
    const owners = await this.deps.comments.findOwners(id);
    if (!owners) throw new NotFoundError("Comment", id);
    assertMayChange(
      deleter,
      [owners.authorId, owners.postAuthorId],
      "Only the comment's author, the post's author or an admin may delete it",
    );
    if (!(await this.deps.comments.deleteById(id))) throw new NotFoundError("Comment", id);
    await this.deps.cache.invalidate(...tagsOfCommentsOn(owners.postId));
    return { id, postId: owners.postId, postAuthorId: owners.postAuthorId };
  }

  /** A comment written without an acting user, for its named author: the seed, imports, tests' factories. */
  async importComment(input: unknown): Promise<CommentRecord> {
    const data = parseInput(zImportCommentInput, input);
    const [postExists, userExists] = await Promise.all([
      this.deps.posts.exists(data.postId),
      this.deps.users.exists(data.userId),
    ]);
    if (!postExists) throw new NotFoundError("Post", data.postId);
    if (!userExists) throw new NotFoundError("User", data.userId);
    const comment = await this.deps.comments.create(data);
    if (!comment) throw new NotFoundError("Post", data.postId);
    await this.deps.cache.invalidate(...tagsOfCommentsOn(data.postId));
    return comment;
  }

  /** Bulk import: every row valid and every post and author known, or nothing is written. */
  async createComments(inputs: readonly unknown[]): Promise<number> {
    const rows = inputs.map((input) => parseInput(zImportCommentInput, input));
    const postIds = [...new Set(rows.map((r) => r.postId))];
    const userIds = [...new Set(rows.map((r) => r.userId))];
    const [posts, users] = await Promise.all([
      this.deps.posts.findExistingIds(postIds),
      this.deps.users.findExistingIds(userIds),
    ]);
    const missingPost = postIds.find((id) => !posts.has(id));
    if (missingPost !== undefined) throw new NotFoundError("Post", missingPost);
    const missingUser = userIds.find((id) => !users.has(id));
    if (missingUser !== undefined) throw new NotFoundError("User", missingUser);
    const created = await this.deps.comments.createMany(rows);
    await this.deps.cache.invalidate(cacheTags.postLists, ...postIds.map(cacheTags.postComments));
    return created;
  }
}
