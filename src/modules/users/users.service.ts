import { ConflictError, NotFoundError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import type { UserRepository } from "./users.repository";
import { zCreateUserInput, type CreateUserInput, type CreatedUser, type UserProfile } from "./users.types";

export type UserStore = Pick<UserRepository, "findProfileById" | "findByEmail" | "create">;

export class UserService {
  constructor(private readonly users: UserStore) {}

  async getProfile(id: number): Promise<UserProfile> {
    const profile = await this.users.findProfileById(id);
    if (!profile) throw new NotFoundError("User", id);
    return profile;
  }

  async createUser(input: CreateUserInput): Promise<CreatedUser> {
    const data = parseInput(zCreateUserInput, input);
    if (await this.users.findByEmail(data.email)) {
      throw new ConflictError("A user with this email already exists", { field: "email" });
    }
    return this.users.create(data);
  }
}
