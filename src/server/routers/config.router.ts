import { publicProcedure, router } from "../trpc";

export const configRouter = router({
  get: publicProcedure.query(({ ctx }) => ctx.services.config.getConfig()),
});
