import { CACHE_TTL, cacheKeys, cacheTags, type AppCache } from "@/lib/cache-policy";
import { NotFoundError } from "@/lib/errors";
import { readCachedPage } from "@/lib/cached-page";
import { toCursorPage, type CursorPage } from "@/lib/cursor";
import type { Page } from "@/lib/pagination";
import type { RateLimiter } from "@/lib/rate-limit";
import { parseInput } from "@/lib/validation";
import { assertMayChange, requireWriter } from "@/modules/users/user.authorization";
import type { UserRepository } from "@/modules/users/user.repository";
import type { Actor } from "@/modules/users/user.types";
import type { PostRepository } from "./post.repository";
import {
  zCreatePostInput,
  zFeedCursorInput,
  zFeedInput,
  zImportPostInput,
  zPostIdInput,
  zPostsByAuthorInput,
  zSearchInput,
  zUpdatePostInput,
  type PostDetail,
  type DeletedPost,
  type PostRecord,
  type PostSummary,
} from "./post.types";

export interface PostServiceDeps {
  posts: Pick<
    PostRepository,
    | "findFeedItems"
    | "findFeedItemsAfter"
    | "countAllOrEstimate"
    | "findItemsByAuthor"
    | "countByAuthor"
    | "findItemsByTitle"
    | "countByTitle"
    | "findById"
    | "findAuthorId"
    | "create"
    | "createMany"
    | "updateById"
    | "deleteById"
  >;
  users: Pick<UserRepository, "exists" | "findExistingIds">;
  cache: AppCache;
  /** The per-user write rate (RATE_LIMITS.write). */
  limiter: RateLimiter;
}

const LIST_CACHE = { ttl: CACHE_TTL.list, tags: [cacheTags.postLists] };
const COUNT_CACHE = { ttl: CACHE_TTL.list, tags: [cacheTags.postCounts] };

/** A post added or removed: every list may show it, every count include it, its author's profile counts it. */
const listTagsOf = (authorId: number) => [cacheTags.postLists, cacheTags.postCounts, cacheTags.user(authorId)];

export class PostService {
  constructor(private readonly deps: PostServiceDeps) {}

  /** Every public method takes raw input (a query string, a tRPC payload) and validates it here. */
  async getFeedPage(input: unknown = {}): Promise<Page<PostSummary>> {
    const query = parseInput(zFeedInput, input);
    return readCachedPage(this.deps.cache, {
      query,
      items: { key: cacheKeys.feedPage(query), load: (slice) => this.deps.posts.findFeedItems(slice), ...LIST_CACHE },
      count: { key: cacheKeys.feedCount(), load: () => this.deps.posts.countAllOrEstimate(), ...COUNT_CACHE },
    });
  }

  /** The feed as the API serves it: numbered pages (`?page=`), or keyset pages once `cursor` is given. */
  getFeed(input: unknown = {}): Promise<Page<PostSummary> | CursorPage<PostSummary>> {
    const byCursor = typeof input === "object" && input !== null && "cursor" in input;
    return byCursor ? this.getFeedAfterCursor(input) : this.getFeedPage(input);
  }

  /** A keyset page: one extra row is read to know whether another page follows. */
  async getFeedAfterCursor(input: unknown): Promise<CursorPage<PostSummary>> {
    const { cursor, pageSize } = parseInput(zFeedCursorInput, input);
    const rows = await this.deps.cache.getCached(
      cacheKeys.feedAfter(cursor, pageSize),
      () => this.deps.posts.findFeedItemsAfter(cursor, pageSize + 1),
      LIST_CACHE,
    );
    return toCursorPage(rows, pageSize);
  }

  async getPost(input: unknown): Promise<PostDetail> {
    const { id } = parseInput(zPostIdInput, input);
    const post = await this.deps.posts.findById(id);
    if (!post) throw new NotFoundError("Post", id);
    return post;
  }

  async getPostsByAuthor(input: unknown): Promise<Page<PostSummary>> {
    const { userId, ...query } = parseInput(zPostsByAuthorInput, input);
    return readCachedPage(this.deps.cache, {
      query,
      items: {
        key: cacheKeys.authorPage(userId, query),
        load: (slice) => this.deps.posts.findItemsByAuthor(userId, slice),
        ...LIST_CACHE,
      },
      count: {
        key: cacheKeys.authorCount(userId),
        load: async () => {
          const total = await this.deps.posts.countByAuthor(userId);
          // No posts is ambiguous: an author with none, or no such author (thrown, so not cached).
          if (total === 0 && !(await this.deps.users.exists(userId))) throw new NotFoundError("User", userId);
          return total;
        },
        ttl: CACHE_TTL.list,
        tags: [cacheTags.user(userId)],
      },
    });
  }

  async searchByTitle(input: unknown): Promise<Page<PostSummary>> {
    const { q, ...query } = parseInput(zSearchInput, input);
    return readCachedPage(this.deps.cache, {
      query,
      items: {
        key: cacheKeys.searchPage(q, query),
        load: (slice) => this.deps.posts.findItemsByTitle(q, slice),
        ...LIST_CACHE,
      },
      count: { key: cacheKeys.searchCount(q), load: () => this.deps.posts.countByTitle(q), ...COUNT_CACHE },
    });
  }

  // Writes take the acting user (null when nobody is signed in) and decide here whether it may
  // act (src/modules/users/user.authorization.ts); the adapters pass it on without judging.

  /** POST /api/posts, posts.create: a post by the acting user. */
  async createPost(actor: Actor | null, input: unknown): Promise<PostRecord> {
    const author = await requireWriter(actor, this.deps.limiter);
    const data = parseInput(zCreatePostInput, input);
    const post = await this.deps.posts.create({ ...data, userId: author.id });
    await this.deps.cache.invalidate(...listTagsOf(post.userId));
    return post;
  }

  /** PATCH /api/posts/:id, posts.update: by its author or an admin. */
  async updatePost(actor: Actor | null, input: unknown): Promise<PostRecord> {
    const editor = await requireWriter(actor, this.deps.limiter);
    const { id, ...changes } = parseInput(zUpdatePostInput, input);
    await this.assertMayChangePost(editor, id, "Only the post's author or an admin may edit it");
    const post = await this.deps.posts.updateById(id, changes);
    if (!post) throw new NotFoundError("Post", id);
    // Lists show titles and searches match them; no cached read shows a body (getPost is not cached).
    if (changes.title !== undefined) await this.deps.cache.invalidate(cacheTags.postLists, cacheTags.postCounts);
    return post;
  }

  /**
   * DELETE /api/posts/:id, posts.delete: by its author or an admin; its comments go with it.
   * Returns which post it was, and whose (the pages that showed it: src/lib/revalidation.ts).
   */
  async deletePost(actor: Actor | null, input: unknown): Promise<DeletedPost> {
    const deleter = await requireWriter(actor, this.deps.limiter);
    const { id } = parseInput(zPostIdInput, input);
    const authorId = await this.assertMayChangePost(deleter, id, "Only the post's author or an admin may delete it");
    if (!(await this.deps.posts.deleteById(id))) throw new NotFoundError("Post", id);
    // Its comment pages must stop answering too.
    await this.deps.cache.invalidate(...listTagsOf(authorId), cacheTags.postComments(id));
    return { id, userId: authorId };
  }

  /**
   * A post written without an acting user, for its named author: the seed, imports and tests'
   * factories. Never reached from a request.
   */
  async importPost(input: unknown): Promise<PostRecord> {
    const data = parseInput(zImportPostInput, input);
    if (!(await this.deps.users.exists(data.userId))) throw new NotFoundError("User", data.userId);
    const post = await this.deps.posts.create(data);
    await this.deps.cache.invalidate(...listTagsOf(post.userId));
    return post;
  }

  /** Bulk import (seed, migrations of content): all rows valid and all authors known, or nothing is written. */
  async createPosts(inputs: readonly unknown[]): Promise<number> {
    const rows = inputs.map((input) => parseInput(zImportPostInput, input));
    const authorIds = [...new Set(rows.map((r) => r.userId))];
    const known = await this.deps.users.findExistingIds(authorIds);
    const missing = authorIds.find((id) => !known.has(id));
    if (missing !== undefined) throw new NotFoundError("User", missing);
    const created = await this.deps.posts.createMany(rows);
    await this.deps.cache.invalidate(cacheTags.postLists, cacheTags.postCounts, ...authorIds.map(cacheTags.user));
    return created;
  }

  /** Throws 404 for an unknown post and 403 when `actor` may not change it; returns its author. */
  private async assertMayChangePost(actor: Actor, id: number, refusal: string): Promise<number> {
    const authorId = await this.deps.posts.findAuthorId(id);
    if (authorId === null) throw new NotFoundError("Post", id);
    assertMayChange(actor, [authorId], refusal);
    return authorId;
  }
}
