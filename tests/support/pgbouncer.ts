import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { deadPort } from "./network";

// A real PgBouncer in transaction-pooling mode (the mode of Supabase's pooler and most hosted
// ones), on a loopback port in front of a test database. Debian: `apt-get install pgbouncer`.

const CANDIDATES = ["pgbouncer", "/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"];

export function findPgBouncer(): { binary?: string; skipReason: string } {
  const binary = CANDIDATES.find((candidate) => spawnSync(candidate, ["--version"]).status === 0);
  if (binary) return { binary, skipReason: "" };
  if (process.env.REQUIRE_PGBOUNCER === "1") throw new Error("REQUIRE_PGBOUNCER=1 but no pgbouncer binary was found");
  const skipReason =
    "(skipped: pgbouncer is not installed; `apt-get install pgbouncer`, REQUIRE_PGBOUNCER=1 to insist)";
  process.stderr.write(`PgBouncer tests ${skipReason}\n`);
  return { skipReason };
}

export interface PgBouncer {
  /** `url` with its host and port replaced by PgBouncer's. */
  url: string;
  stop(): Promise<void>;
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

/** Starts PgBouncer in front of the database `url` names; one server connection per database. */
export async function startPgBouncer(binary: string, url: string): Promise<PgBouncer> {
  const target = new URL(url);
  const user = decodeURIComponent(target.username || "postgres");
  const password = decodeURIComponent(target.password);
  const dir = await mkdtemp(path.join(tmpdir(), "pgbouncer-"));
  const port = await deadPort();
  const serverPassword = password ? ` password=${password}` : "";
  await writeFile(path.join(dir, "users.txt"), `"${user}" "${password}"\n`);
  await writeFile(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `* = host=${target.hostname} port=${target.port || 5432} user=${user}${serverPassword}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${path.join(dir, "users.txt")}`,
      "pool_mode = transaction",
      // One server connection: every statement of a test meets the same session.
      "default_pool_size = 1",
      "max_client_conn = 50",
      "",
    ].join("\n"),
  );
  // PgBouncer refuses to run as root; it then drops to an unprivileged user, who must read the files.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    await chmod(dir, 0o755);
    await chmod(path.join(dir, "users.txt"), 0o644);
    await chmod(path.join(dir, "pgbouncer.ini"), 0o644);
  }
  const args = [...(asRoot ? ["-u", "nobody"] : []), path.join(dir, "pgbouncer.ini")];
  const child: ChildProcess = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
  for (let attempt = 0; attempt < 100 && !(await listening(port)); attempt++) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const pooled = new URL(url);
  pooled.hostname = "127.0.0.1";
  pooled.port = String(port);
  return {
    url: pooled.toString(),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
