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
}

export class PostService {
  constructor(private readonly deps: PostServiceDeps) {}

  async getFeedPage(input: FeedInput = {}): Promise<Page<PostSummary>> {
    const query = parseInput(zFeedInput, input);
    const { items, total } = await this.deps.posts.findFeedPage(toSlice(query));
    return toPage(items, total, query);
  }

  async getPost(id: number): Promise<PostDetail> {
    const post = await this.deps.posts.findById(id);
    if (!post) throw new NotFoundError("Post", id);
    return post;
  }

  async getPostsByAuthor(input: PostsByAuthorInput): Promise<Page<PostSummary>> {
    const query = parseInput(zPostsByAuthorInput, input);
    const { items, total } = await this.deps.posts.findPageByAuthor(query.userId, toSlice(query));
    // An empty page is ambiguous: an author with no posts, or no such author.
    if (total === 0 && !(await this.deps.users.exists(query.userId))) {
      throw new NotFoundError("User", query.userId);
    }
    return toPage(items, total, query);
  }

  async searchByTitle(input: SearchInput): Promise<Page<PostSummary>> {
    const query = parseInput(zSearchInput, input);
    const { items, total } = await this.deps.posts.findPageByTitle(query.q, toSlice(query));
    return toPage(items, total, query);
  }

  async createPost(input: CreatePostInput): Promise<CreatedPost> {
    const data = parseInput(zCreatePostInput, input);
    if (!(await this.deps.users.exists(data.userId))) throw new NotFoundError("User", data.userId);
    return this.deps.posts.create(data);
  }

  /** Bulk import (seed, migrations of content): all rows valid and all authors known, or nothing is written. */
  async createPosts(inputs: CreatePostInput[]): Promise<number> {
    const rows = inputs.map((input) => parseInput(zCreatePostInput, input));
    const authorIds = [...new Set(rows.map((r) => r.userId))];
    const known = await this.deps.users.findExistingIds(authorIds);
    const missing = authorIds.find((id) => !known.has(id));
    if (missing !== undefined) throw new NotFoundError("User", missing);
    return this.deps.posts.createMany(rows);
  }
}
