import { CACHE_TTL, cacheKeys, cacheTags, type AppCache } from "@/lib/cache-policy";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import type { UserRepository } from "./users.repository";
import { zCreateUserInput, type CreateUserInput, type CreatedUser, type UserProfile } from "./users.types";

export type UserStore = Pick<UserRepository, "findProfileById" | "findByEmail" | "create">;

export interface UserServiceDeps {
  users: UserStore;
  cache: AppCache;
}

export class UserService {
  constructor(private readonly deps: UserServiceDeps) {}

  getProfile(id: number): Promise<UserProfile> {
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

  async createUser(input: CreateUserInput): Promise<CreatedUser> {
    const data = parseInput(zCreateUserInput, input);
    if (await this.deps.users.findByEmail(data.email)) {
      throw new ConflictError("A user with this email already exists", { field: "email" });
    }
    // Nothing to invalidate: unknown users are never cached, and no cached list shows users.
    return this.deps.users.create(data);
  }
}
