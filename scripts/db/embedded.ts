import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { requirePassword, type Credentials } from "./embedded-auth";

// An embedded PostgreSQL (PGlite, PostgreSQL compiled to WebAssembly) served over the
// PostgreSQL wire protocol on a local port, so the app, migrations and psql connect to it
// by URL exactly as they connect to a real server.

/** The only user and password the embedded server accepts (README; decision record 0074). */
const EMBEDDED_CREDENTIALS: Credentials = { user: "postgres", password: "postgres" };

function urlOf(port: number): string {
  const { user, password } = EMBEDDED_CREDENTIALS;
  return `postgresql://${user}:${password}@127.0.0.1:${port}/postgres?sslmode=disable`;
}

// PGlite runs one backend: the server queues statements from every connection and keeps a
// transaction's statements together. Any local process can reach the port, so it asks for
// the password first.
function socketServer(db: PGlite, port: number): PGLiteSocketServer {
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 100 });
  return requirePassword(server, EMBEDDED_CREDENTIALS);
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  /** PGlite's own backup: a tarball of the data directory, loadable with `loadDataDir`. */
  dumpDataDir(compression: "gzip" | "none"): Promise<Blob>;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Directory that keeps the data; omitted means in memory. */
  dataDir?: string;
  /** A tarball from `dumpDataDir`, to start from a prepared database (tests). */
  loadDataDir?: Blob;
  /** 0 picks a free port. */
  port?: number;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm },
  });
  const server = socketServer(db, options.port ?? 0);
  try {
    await server.start();
  } catch (error) {
    await db.close();
    const code = (error as { code?: string }).code;
    if (code === "EADDRINUSE") {
      throw new Error(
        `Port ${options.port} is in use: is another \`npm run dev\` running? Stop it or set EMBEDDED_DB_PORT.`,
      );
    }
    throw error;
  }
  const port = Number(server.getServerConn().split(":").pop());
  return {
    url: urlOf(port),
    port,
    dumpDataDir: (compression) => db.dumpDataDir(compression),
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

export async function dumpEmbedded(
  dataDir: string | undefined,
  prepare: (url: string) => Promise<void>,
): Promise<Blob> {
  const db = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  const server = socketServer(db, 0);
  await server.start();
  const port = Number(server.getServerConn().split(":").pop());
  try {
    await prepare(urlOf(port));
  } finally {
    await server.stop();
  }
  const dump = await db.dumpDataDir("none");
  await db.close();
  return dump;
}
