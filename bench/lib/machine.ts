import os from "node:os";
import pg from "pg";

export interface MachineInfo {
  date: string;
  cpu: string;
  cores: number;
  os: string;
  node: string;
  database: { kind: "postgresql" | "embedded"; version: string };
  redis: string;
  /** 1-minute load average at the start and end of the run: above the core count, the CPU was contended. */
  loadAverage: { start: number; end?: number };
  note?: string;
}

async function databaseVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return rows[0]?.server_version ?? "unknown";
  } finally {
    await client.end();
  }
}

export async function redisVersion(url: string): Promise<string> {
  const { default: Redis } = await import("ioredis");
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1_000 });
  redis.on("error", () => {}); // reported as "not reachable" below
  try {
    await redis.connect();
    const info = await redis.info("server");
    return /redis_version:(\S+)/.exec(info)?.[1] ?? "unknown";
  } catch {
    return "not reachable";
  } finally {
    redis.disconnect();
  }
}

export async function describeMachine(options: {
  databaseUrl: string;
  databaseKind: "postgresql" | "embedded";
  redisUrl: string;
  note?: string;
}): Promise<MachineInfo> {
  const version = await databaseVersion(options.databaseUrl);
  return {
    date: new Date().toISOString(),
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    database: {
      kind: options.databaseKind,
      version:
        options.databaseKind === "embedded" ? `PGlite (PostgreSQL ${version}, WebAssembly)` : `PostgreSQL ${version}`,
    },
    redis: await redisVersion(options.redisUrl),
    loadAverage: { start: Number(os.loadavg()[0]?.toFixed(2)) },
    ...(options.note ? { note: options.note } : {}),
  };
}
