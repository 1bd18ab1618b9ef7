import type { NodeOptions } from "@sentry/nextjs";
import type { Env } from "../env";
import { scrubEvent } from "./redact";

const HEALTH_ROUTE = "/api/health";

type TracesSamplerSamplingContext = Parameters<NonNullable<NodeOptions["tracesSampler"]>>[0];

type SentryEnv = Pick<
  Env,
  | "NODE_ENV"
  | "SENTRY_DSN"
  | "NEXT_PUBLIC_SENTRY_DSN"
  | "SENTRY_TRACES_SAMPLE_RATE"
  | "SENTRY_ENVIRONMENT"
  | "VERCEL_ENV"
>;

/**
 * Options for the server and edge SDKs, or undefined when no DSN is set: then Sentry is not
 * initialised at all (no client, no instrumentation, nothing sent). The release is left to
 * the SDK, which reads the one next.config.js injected at build.
 */
export function sentryServerOptions(env: SentryEnv): NodeOptions | undefined {
  const dsn = env.SENTRY_DSN ?? env.NEXT_PUBLIC_SENTRY_DSN;
  if (!dsn) return undefined;
  const sampleRate = env.SENTRY_TRACES_SAMPLE_RATE;
  return {
    dsn,
    environment: env.SENTRY_ENVIRONMENT ?? env.VERCEL_ENV ?? env.NODE_ENV,
    // An uptime monitor polling every minute would otherwise spend the tracing quota on
    // the one request that tells nothing about users' latency.
    tracesSampler: (context: TracesSamplerSamplingContext) =>
      isHealthCheck(context) ? 0 : context.inheritOrSampleWith(sampleRate),
    // Search terms and ids in query strings stay out of Sentry (values only; keys stay).
    beforeSend: (event) => scrubEvent(event),
    beforeSendTransaction: (event) => scrubEvent(event),
  };
}

/** Whether a span about to start serves /api/health (by its name, URL or route attributes). */
export function isHealthCheck(
  context: Pick<TracesSamplerSamplingContext, "name" | "attributes" | "normalizedRequest">,
) {
  const attributes = context.attributes ?? {};
  const candidates = [
    context.name,
    context.normalizedRequest?.url,
    attributes["http.target"],
    attributes["http.route"],
    attributes["url.path"],
    attributes["next.route"],
  ];
  return candidates.some((value) => typeof value === "string" && pathOf(value) === HEALTH_ROUTE);
}

// "GET /api/health", "http://host/api/health?x=1" and "/api/health" all name the same path.
function pathOf(value: string): string {
  const target = value.includes(" ") ? value.slice(value.lastIndexOf(" ") + 1) : value;
  try {
    return new URL(target, "http://localhost").pathname;
  } catch {
    return target;
  }
}
