import { CACHE_TTL, cacheKeys, cacheTags, type AppCache } from "@/lib/cache-policy";
import { NotFoundError } from "@/lib/errors";
import { toPage, toSlice, type Page } from "@/lib/pagination";
import { parseInput } from "@/lib/validation";
import type { UserRepository } from "@/modules/users/users.repository";
import type { PostRepository } from "./posts.repository";
import {
  zCreatePostInput,
  zFeedInput,
  zPostsByAuthorInput,
  zSearchInput,
  type CreatePostInput,
  type CreatedPost,
  type FeedInput,
  type PostDetail,
  type PostSummary,
  type PostsByAuthorInput,
  type SearchInput,
} from "./posts.types";

export interface PostServiceDeps {
  posts: Pick<
    PostRepository,
    "findFeedPage" | "findPageByAuthor" | "findPageByTitle" | "findById" | "create" | "createMany"
  >;
  users: Pick<UserRepository, "exists" | "findExistingIds">;
  cache: AppCache;
}

const LIST_CACHE = { ttl: CACHE_TTL.list, tags: [cacheTags.postLists] };

export class PostService {
  constructor(private readonly deps: PostServiceDeps) {}

  async getFeedPage(input: FeedInput = {}): Promise<Page<PostSummary>> {
    const query = parseInput(zFeedInput, input);
    return this.deps.cache.getCached(
      cacheKeys.feedPage(query),
      async () => {
        const { items, total } = await this.deps.posts.findFeedPage(toSlice(query));
        return toPage(items, total, query);
      },
      LIST_CACHE,
    );
  }

  async getPost(id: number): Promise<PostDetail> {
    const post = await this.deps.posts.findById(id);
    if (!post) throw new NotFoundError("Post", id);
    return post;
  }

  async getPostsByAuthor(input: PostsByAuthorInput): Promise<Page<PostSummary>> {
    const query = parseInput(zPostsByAuthorInput, input);
    return this.deps.cache.getCached(
      cacheKeys.authorPage(query.userId, query),
      async () => {
        const { items, total } = await this.deps.posts.findPageByAuthor(query.userId, toSlice(query));
        // An empty page is ambiguous: an author with no posts, or no such author (thrown, so not cached).
        if (total === 0 && !(await this.deps.users.exists(query.userId))) {
          throw new NotFoundError("User", query.userId);
        }
        return toPage(items, total, query);
      },
      LIST_CACHE,
    );
  }

  async searchByTitle(input: SearchInput): Promise<Page<PostSummary>> {
    const query = parseInput(zSearchInput, input);
    return this.deps.cache.getCached(
      cacheKeys.searchPage(query.q, query),
      async () => {
        const { items, total } = await this.deps.posts.findPageByTitle(query.q, toSlice(query));
        return toPage(items, total, query);
      },
      LIST_CACHE,
    );
  }

  async createPost(input: CreatePostInput): Promise<CreatedPost> {
    const data = parseInput(zCreatePostInput, input);
    if (!(await this.deps.users.exists(data.userId))) throw new NotFoundError("User", data.userId);
    const post = await this.deps.posts.create(data);
    // Every list may show it, and the author's profile counts it.
    await this.deps.cache.invalidate(cacheTags.postLists, cacheTags.user(data.userId));
    return post;
  }

  /** Bulk import (seed, migrations of content): all rows valid and all authors known, or nothing is written. */
  async createPosts(inputs: CreatePostInput[]): Promise<number> {
    const rows = inputs.map((input) => parseInput(zCreatePostInput, input));
    const authorIds = [...new Set(rows.map((r) => r.userId))];
    const known = await this.deps.users.findExistingIds(authorIds);
    const missing = authorIds.find((id) => !known.has(id));
    if (missing !== undefined) throw new NotFoundError("User", missing);
    const created = await this.deps.posts.createMany(rows);
    await this.deps.cache.invalidate(cacheTags.postLists, ...authorIds.map(cacheTags.user));
    return created;
  }
}
