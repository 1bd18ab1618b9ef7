import config from "@/pages/api/config";
import health from "@/pages/api/health";
import feed from "@/pages/api/posts/index";
import postComments from "@/pages/api/posts/[id]/comments";
import post from "@/pages/api/posts/[id]/index";
import search from "@/pages/api/search";
import userPosts from "@/pages/api/users/[id]/posts";
import user from "@/pages/api/users/[id]/index";
import type { Routes } from "./api-server";

/** Every public REST route, as `next start` serves them from src/pages/api. */
export const REST_ROUTES: Routes = {
  "/api/posts": { default: feed },
  "/api/posts/[id]": { default: post },
  "/api/posts/[id]/comments": { default: postComments },
  "/api/users/[id]": { default: user },
  "/api/users/[id]/posts": { default: userPosts },
  "/api/search": { default: search },
  "/api/config": { default: config },
  "/api/health": { default: health },
};
