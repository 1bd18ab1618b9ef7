import { timingSafeEqual } from "node:crypto";
import type { Socket } from "node:net";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// pglite-socket hands every connection straight to PGlite, which trusts any user and password.
// This server asks for the password first, speaking the PostgreSQL protocol itself: it reads
// the start-up message, requests a password (cleartext, acceptable on loopback only), and
// answers a wrong user or password with PostgreSQL's own FATAL 28P01. A client that passes is
// handed to pglite-socket with its start-up message replayed, so PGlite sets up the session.

const SSL_REQUEST = 80_877_103;
const GSS_ENCRYPTION_REQUEST = 80_877_104;
const CANCEL_REQUEST = 80_877_102;
const PROTOCOL_3 = 196_608;
const AUTHENTICATION_CLEARTEXT_PASSWORD = 3;
/** A start-up message is small; anything larger is not a PostgreSQL client. */
const MAX_STARTUP_BYTES = 10_000;

export interface Credentials {
  user: string;
  password: string;
}

type Outcome = { ok: true; replay: Buffer } | { ok: false };

function startupParameters(message: Buffer): Record<string, string> {
  const fields = message.subarray(8).toString("utf8").split("\0");
  const parameters: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length && fields[i] !== ""; i += 2)
    parameters[fields[i] as string] = fields[i + 1] ?? "";
  return parameters;
}

function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`, "utf8");
  const header = Buffer.alloc(5);
  header.write("E", 0);
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Runs the start-up and password exchange on `socket`; resolves once it is decided. */
function authenticate(socket: Socket, expected: Credentials): Promise<Outcome> {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    let startup: Buffer | undefined;
    let user = "";
    const finish = (outcome: Outcome) => {
      socket.off("data", onData);
      socket.off("error", onEnd);
      socket.off("close", onEnd);
      resolve(outcome);
    };
    const refuse = (code: string, message: string) => {
      socket.end(errorResponse(code, message));
      finish({ ok: false });
    };
    const onEnd = () => finish({ ok: false });
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (!startup && buffer.length >= 8) {
        const length = buffer.readInt32BE(0);
        const code = buffer.readInt32BE(4);
        if (length === 8 && (code === SSL_REQUEST || code === GSS_ENCRYPTION_REQUEST)) {
          socket.write("N"); // no encryption on loopback: the client carries on in plain text
          buffer = buffer.subarray(8);
          continue;
        }
        if (code === CANCEL_REQUEST) return refuse("08P01", "cancel requests are not supported");
        if (code !== PROTOCOL_3 || length < 8 || length > MAX_STARTUP_BYTES) {
          return refuse("08P01", "unsupported frontend protocol");
        }
        if (buffer.length < length) return;
        startup = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        user = startupParameters(startup).user ?? "";
        const request = Buffer.alloc(9);
        request.write("R", 0);
        request.writeInt32BE(8, 1);
        request.writeInt32BE(AUTHENTICATION_CLEARTEXT_PASSWORD, 5);
        socket.write(request);
      }
      if (!startup || buffer.length < 5) return;
      const length = buffer.readInt32BE(1);
      if (buffer[0] !== 0x70 /* 'p' */ || length < 5 || length > MAX_STARTUP_BYTES) {
        return refuse("08P01", "expected a password message");
      }
      if (buffer.length < 1 + length) return;
      const password = buffer.subarray(5, length).toString("utf8").replace(/\0$/, "");
      const rest = buffer.subarray(1 + length);
      // Both compared, whatever the first gives: the answer takes as long either way.
      const userMatches = sameText(user, expected.user);
      const passwordMatches = sameText(password, expected.password);
      if (!userMatches || !passwordMatches) {
        return refuse("28P01", `password authentication failed for user "${user}"`);
      }
      finish({ ok: true, replay: Buffer.concat([startup, rest]) });
    };
    socket.on("data", onData);
    socket.once("error", onEnd);
    socket.once("close", onEnd);
  });
}

type ConnectionHandler = { handleConnection(socket: Socket): Promise<void> };

/**
 * Makes `server` let in only clients that give `credentials`. It wraps the server's own
 * connection handler (not part of pglite-socket's typed API; present in 0.2.x, and the tests
 * fail if it goes away).
 */
export function requirePassword(server: PGLiteSocketServer, credentials: Credentials): PGLiteSocketServer {
  const handler = server as unknown as ConnectionHandler;
  if (typeof handler.handleConnection !== "function") {
    throw new Error("this pglite-socket version has no handleConnection to guard");
  }
  const handOver = handler.handleConnection.bind(server);
  handler.handleConnection = async (socket) => {
    const outcome = await authenticate(socket, credentials);
    if (!outcome.ok) return;
    socket.pause();
    socket.unshift(outcome.replay);
    await handOver(socket);
    socket.resume();
  };
  return server;
}
