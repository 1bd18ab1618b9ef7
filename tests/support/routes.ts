import * as adminFlags from "@/pages/api/admin/flags";
import * as comment from "@/pages/api/comments/[id]";
import * as config from "@/pages/api/config";
import * as health from "@/pages/api/health";
import * as feed from "@/pages/api/posts/index";
import * as postComments from "@/pages/api/posts/[id]/comments";
import * as post from "@/pages/api/posts/[id]";
import * as search from "@/pages/api/search";
import * as userPosts from "@/pages/api/users/[id]/posts";
import * as user from "@/pages/api/users/[id]";
import type { Routes } from "./api-server";

/** Every REST route, reads and writes, as `next start` serves them from src/pages/api (the admin one answers admins only). */
export const REST_ROUTES: Routes = {
  "/api/posts": feed,
  "/api/posts/[id]": post,
  "/api/posts/[id]/comments": postComments,
  "/api/comments/[id]": comment,
  "/api/users/[id]": user,
  "/api/users/[id]/posts": userPosts,
  "/api/search": search,
  "/api/config": config,
  "/api/health": health,
  "/api/admin/flags": adminFlags,
};
