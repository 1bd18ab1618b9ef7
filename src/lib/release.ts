import packageJson from "../../package.json";
import { env } from "./env";

/**
 * Which code is running: the package version and the commit. next.config.js resolves the
 * commit once at build (SENTRY_RELEASE, VERCEL_GIT_COMMIT_SHA, or git's HEAD), hands it to
 * Sentry as the release and inlines it here as APP_RELEASE, so the health endpoint and
 * Sentry events name the same commit. Outside a Next build, the environment decides.
 * APP_RELEASE is read by its literal name, not through the env module: Next replaces
 * `process.env.APP_RELEASE` at build, and the variable does not exist at run time.
 */
export const appRelease = {
  version: packageJson.version,
  commit: process.env.APP_RELEASE || env.SENTRY_RELEASE || env.VERCEL_GIT_COMMIT_SHA || null,
};
