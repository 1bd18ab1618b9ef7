import pino from "pino";
import { env } from "./env";

// Structured JSON logs (A1.6): one object per line, ready for any log drain.
export const logger = pino({
  level: env.LOG_LEVEL,
  base: { service: "scale-starter" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

export type Logger = typeof logger;
