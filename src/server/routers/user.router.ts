import type { UserIdInput } from "@/modules/users/user.types";
import { publicProcedure, rawInput, router } from "../trpc";

export const userRouter = router({
  byId: publicProcedure.input(rawInput<UserIdInput>()).query(({ ctx, input }) => ctx.services.users.getProfile(input)),
});
