import { CACHE_TTL, cacheKeys, cacheTags, type AppCache } from "@/lib/cache-policy";
import { NotFoundError } from "@/lib/errors";
import { toPage, toSlice, type Page } from "@/lib/pagination";
import { parseInput } from "@/lib/validation";
import type { PostRepository } from "@/modules/posts/posts.repository";
import type { UserRepository } from "@/modules/users/users.repository";
import type { CommentRepository } from "./comments.repository";
import {
  zCommentsByPostInput,
  zCreateCommentInput,
  type CommentView,
  type CommentsByPostInput,
  type CreateCommentInput,
  type CreatedComment,
} from "./comments.types";

export interface CommentServiceDeps {
  comments: Pick<CommentRepository, "findPageByPost" | "create" | "createMany">;
  posts: Pick<PostRepository, "exists" | "findExistingIds">;
  users: Pick<UserRepository, "exists" | "findExistingIds">;
  cache: AppCache;
}

export class CommentService {
  constructor(private readonly deps: CommentServiceDeps) {}

  async getCommentsForPost(input: CommentsByPostInput): Promise<Page<CommentView>> {
    const query = parseInput(zCommentsByPostInput, input);
    return this.deps.cache.getCached(
      cacheKeys.commentsPage(query.postId, query),
      async () => {
        const { items, total } = await this.deps.comments.findPageByPost(query.postId, toSlice(query));
        if (total === 0 && !(await this.deps.posts.exists(query.postId))) {
          throw new NotFoundError("Post", query.postId);
        }
        return toPage(items, total, query);
      },
      { ttl: CACHE_TTL.list, tags: [cacheTags.postComments(query.postId)] },
    );
  }

  async createComment(input: CreateCommentInput): Promise<CreatedComment> {
    const data = parseInput(zCreateCommentInput, input);
    const [postExists, userExists] = await Promise.all([
      this.deps.posts.exists(data.postId),
      this.deps.users.exists(data.userId),
    ]);
    if (!postExists) throw new NotFoundError("Post", data.postId);
    if (!userExists) throw new NotFoundError("User", data.userId);
    const comment = await this.deps.comments.create(data);
    // The post's comment pages, and the comment counts that every list of posts shows.
    await this.deps.cache.invalidate(cacheTags.postComments(data.postId), cacheTags.postLists);
    return comment;
  }

  /** Bulk import: every row valid and every post and author known, or nothing is written. */
  async createComments(inputs: CreateCommentInput[]): Promise<number> {
    const rows = inputs.map((input) => parseInput(zCreateCommentInput, input));
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
