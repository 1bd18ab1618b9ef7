// Loaded by src/instrumentation.ts in the edge runtime (middleware, edge routes), should the
// app ever run code there; the same options as the server.
import * as Sentry from "@sentry/nextjs";
import { env } from "@/lib/env";
import { sentryServerOptions } from "@/lib/monitoring/sentry-options";

const options = sentryServerOptions(env);
if (options) Sentry.init(options);
