import { CACHE_TTL, cacheKeys, cacheTags, type AppCache } from "@/lib/cache-policy";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import type { PostRepository } from "@/modules/posts/post.repository";
import type { UserRepository } from "./user.repository";
import {
  zCreateUserInput,
  zSetRoleInput,
  zUserIdInput,
  type CreatedUser,
  type UserAccount,
  type UserProfile,
} from "./user.types";

/** What an account's deletion changes, found before the rows go. */
export interface AccountChange {
  /** The posts the account wrote or commented on. */
  postIds: number[];
  /** Invalidates the cached reads that show them; call once the account is deleted. */
  invalidate(): Promise<void>;
}

export type UserStore = Pick<UserRepository, "findProfileById" | "findByEmail" | "create" | "updateRoleByEmail">;

export interface UserServiceDeps {
  users: UserStore;
  posts: Pick<PostRepository, "findIdsTouchedBy">;
  cache: AppCache;
}

export class UserService {
  constructor(private readonly deps: UserServiceDeps) {}

  /** Every public method takes raw input and validates it here. */
  async getProfile(input: unknown): Promise<UserProfile> {
    const { id } = parseInput(zUserIdInput, input);
    return this.deps.cache.getCached(
      cacheKeys.profile(id),
      async () => {
        const profile = await this.deps.users.findProfileById(id);
        // Thrown, so not cached: an unknown id is cheap to re-check and may exist after a sign-up.
        if (!profile) throw new NotFoundError("User", id);
        return profile;
      },
      { ttl: CACHE_TTL.profile, tags: [cacheTags.user(id)] },
    );
  }

  async createUser(input: unknown): Promise<CreatedUser> {
    const data = parseInput(zCreateUserInput, input);
    if (await this.deps.users.findByEmail(data.email)) {
      throw new ConflictError("A user with this email already exists", { field: "email" });
    }
    // Nothing to invalidate: unknown users are never cached, and no cached list shows users.
    return this.deps.users.create(data);
  }

  /**
   * Before an account is deleted (better-auth deletes the row; the foreign keys take its posts
   * and comments with it): finds the posts it wrote or commented on, whose cached reads and
   * pages show it, and returns them with what invalidates those reads once the rows are gone.
   * Afterwards nothing says which posts they were; invalidating before would let a read cache
   * them again in between.
   */
  async prepareAccountDeletion(input: unknown): Promise<AccountChange> {
    const { id } = parseInput(zUserIdInput, input);
    const postIds = await this.deps.posts.findIdsTouchedBy(id);
    // Its posts leave every list, so the lists' totals change too.
    const tags = [
      cacheTags.postLists,
      cacheTags.postCounts,
      cacheTags.user(id),
      ...postIds.map(cacheTags.postComments),
    ];
    return { postIds, invalidate: () => this.deps.cache.invalidate(...tags) };
  }

  /**
   * After an account's name changed (better-auth writes it): its name is in its profile, in the
   * lists of its posts and in the comments it wrote, so those cached reads are invalidated.
   * Returns the posts it wrote or commented on, whose pages show the name.
   */
  async accountRenamed(input: unknown): Promise<number[]> {
    const { id } = parseInput(zUserIdInput, input);
    const postIds = await this.deps.posts.findIdsTouchedBy(id);
    await this.deps.cache.invalidate(cacheTags.postLists, cacheTags.user(id), ...postIds.map(cacheTags.postComments));
    return postIds;
  }

  /**
   * Gives a user the admin role or takes it back: `npm run users:role`, whose authority is
   * access to the database. Sessions read the role on every request, so it applies at once.
   */
  async setRole(input: unknown): Promise<UserAccount> {
    const { email, role } = parseInput(zSetRoleInput, input);
    const user = await this.deps.users.updateRoleByEmail(email, role);
    if (!user) throw new NotFoundError("User", email);
    // The public profile shows the role.
    await this.deps.cache.invalidate(cacheTags.user(user.id));
    return user;
  }
}
