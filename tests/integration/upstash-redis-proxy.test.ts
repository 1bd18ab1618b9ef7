import { createHash, randomBytes } from "node:crypto";
import { Redis as UpstashRedis } from "@upstash/redis";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstashRedisProxy, type UpstashRedisProxy } from "../../scripts/upstash-redis-proxy";
import { checkRedis, deleteKeys, REDIS_URL } from "#tests/redis";

const redisCheck = await checkRedis();

describe.skipIf(!redisCheck.available)(`Upstash REST translator ${redisCheck.skipReason}`, () => {
  const prefix = `test-proxy-${randomBytes(6).toString("hex")}:`;
  const token = randomBytes(16).toString("hex");
  let proxy: UpstashRedisProxy;
  let redis: Redis;
  const client = (options: { responseEncoding?: false } = {}) =>
    new UpstashRedis({ url: proxy.url, token, enableTelemetry: false, retry: { retries: 0 }, ...options });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${proxy.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    proxy = await startUpstashRedisProxy({ token, redisUrl: REDIS_URL });
    redis = new Redis(REDIS_URL);
  });

  afterAll(async () => {
    await deleteKeys(redis, `${prefix}*`);
    redis.disconnect();
    await proxy.close();
  });

  it("serves the production client's commands against the real Redis", async () => {
    const upstash = client();
    const key = `${prefix}profile`;
    await expect(upstash.set(key, { name: "Ada", note: "ünïcode ✓" }, { ex: 60 })).resolves.toBe("OK");
    await expect(upstash.get(key)).resolves.toEqual({ name: "Ada", note: "ünïcode ✓" });
    await expect(redis.ttl(key)).resolves.toBeGreaterThan(0);
    await expect(upstash.mget(key, `${prefix}missing`)).resolves.toEqual([{ name: "Ada", note: "ünïcode ✓" }, null]);
    await expect(upstash.set(key, "other", { nx: true })).resolves.toBeNull();
    await expect(upstash.incr(`${prefix}counter`)).resolves.toBe(1);
    await upstash.hset(`${prefix}hash`, { a: 1, b: "two" });
    await expect(upstash.hgetall(`${prefix}hash`)).resolves.toEqual({ a: 1, b: "two" });
  });

  it("answers with plain JSON when the client does not ask for base64", async () => {
    const upstash = client({ responseEncoding: false });
    await upstash.set(`${prefix}plain`, "héllo");
    await expect(upstash.get(`${prefix}plain`)).resolves.toBe("héllo");
    const res = await post("/", ["GET", `${prefix}plain`]);
    await expect(res.json()).resolves.toEqual({ result: "héllo" });
    const encoded = await post("/", ["GET", `${prefix}plain`], { "Upstash-Encoding": "base64" });
    await expect(encoded.json()).resolves.toEqual({ result: Buffer.from("héllo").toString("base64") });
  });

  it("runs pipelines and transactions, reporting each command's error on its own", async () => {
    const upstash = client();
    const pipeline = upstash.pipeline();
    pipeline.set(`${prefix}p`, "1");
    pipeline.incr(`${prefix}p`);
    pipeline.get(`${prefix}p`);
    await expect(pipeline.exec()).resolves.toEqual(["OK", 2, 2]);

    const transaction = upstash.multi();
    transaction.set(`${prefix}m`, "a");
    transaction.append(`${prefix}m`, "b");
    await expect(transaction.exec()).resolves.toEqual(["OK", 2]);

    const res = await post("/pipeline", [
      ["SET", `${prefix}s`, "text"],
      ["INCR", `${prefix}s`],
    ]);
    expect(res.status).toBe(200);
    await expect(res.json()).resolves.toEqual([{ result: "OK" }, { error: expect.stringContaining("not an integer") }]);
  });

  it("answers a failing command with { error } and status 400", async () => {
    await client().set(`${prefix}str`, "x");
    const res = await post("/", ["HGET", `${prefix}str`, "field"]);
    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toEqual({ error: expect.stringContaining("WRONGTYPE") });
    await expect(client().hget(`${prefix}str`, "field")).rejects.toThrow(/WRONGTYPE/);
  });

  it("refuses a wrong or missing token", async () => {
    const wrong = new UpstashRedis({ url: proxy.url, token: "wrong", enableTelemetry: false, retry: { retries: 0 } });
    await expect(wrong.ping()).rejects.toThrow(/Unauthorized/);
    const res = await fetch(proxy.url, { method: "POST", body: JSON.stringify(["PING"]) });
    expect(res.status).toBe(401);
    await expect(res.json()).resolves.toEqual({ error: "Unauthorized" });
  });

  it("rejects bodies that are not commands, unknown paths and other methods", async () => {
    expect((await post("/", { not: "a command" })).status).toBe(400);
    expect((await post("/pipeline", [])).status).toBe(400);
    expect((await post("/elsewhere", ["PING"])).status).toBe(404);
    const get = await fetch(proxy.url, { headers: { authorization: `Bearer ${token}` } });
    expect(get.status).toBe(405);
  });

  it("runs scripts flagged for Upstash by stripping the flag, by body and by hash", async () => {
    const script = "#!lua flags=allow-key-locking\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])";
    const upstash = client();
    await expect(upstash.eval(script, [`${prefix}lua`], ["5"])).resolves.toBe(5);
    const sha = createHash("sha1").update(script).digest("hex");
    await expect(upstash.evalsha(sha, [`${prefix}lua`], ["2"])).resolves.toBe(7);
  });
});
