import pino, { type DestinationStream, type LoggerOptions } from "pino";
import { env } from "./env";
import { currentRequestContext } from "./monitoring/request-context";

// Structured JSON logs (A1.6): one object per line, ready for any log drain. Inside a request,
// every line carries its id (the X-Request-Id header), wherever in the layers it is written.
function loggerOptions(level: string = env.LOG_LEVEL): LoggerOptions {
  return {
    level,
    base: { service: "scale-starter" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const request = currentRequestContext();
      return request ? { requestId: request.requestId } : {};
    },
  };
}

export function createLogger(destination?: DestinationStream, level?: string) {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}

// Readable lines in development only (pino-pretty is a dev dependency, run in a worker thread);
// everywhere else, JSON.
export const logger =
  env.NODE_ENV === "development"
    ? pino({
        ...loggerOptions(),
        transport: {
          target: "pino-pretty",
          options: { ignore: "pid,hostname,service", translateTime: "SYS:HH:MM:ss" },
        },
      })
    : createLogger();

export type Logger = typeof logger;
