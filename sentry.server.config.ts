// Loaded by src/instrumentation.ts when the Node.js server starts.
import * as Sentry from "@sentry/nextjs";
import { env } from "@/lib/env";
import { sentryServerOptions } from "@/lib/monitoring/sentry-options";

const options = sentryServerOptions(env);
if (options) Sentry.init(options);
