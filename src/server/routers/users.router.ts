import { zUserIdInput } from "@/modules/users/users.types";
import { publicProcedure, router } from "../trpc";

export const usersRouter = router({
  byId: publicProcedure.input(zUserIdInput).query(({ ctx, input }) => ctx.services.users.getProfile(input.id)),
});
