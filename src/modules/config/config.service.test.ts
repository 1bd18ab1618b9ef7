import { describe, expect, it, vi } from "vitest";
import { createTestCache } from "../../../tests/support/cache";
import { ConfigService, type ConfigStore } from "./config.service";

function fakeStore(): ConfigStore {
  return {
    findAllFlags: vi.fn(async () => [{ key: "live-search", enabled: true, description: "" }]),
    findAllSettings: vi.fn(async () => [{ key: "siteName", value: "Scale" }]),
    upsertFlag: vi.fn(async (flag) => flag),
  };
}

describe("ConfigService", () => {
  it("gathers flags and settings", async () => {
    await expect(new ConfigService({ config: fakeStore(), cache: createTestCache() }).getConfig()).resolves.toEqual({
      flags: { "live-search": true },
      settings: { siteName: "Scale" },
    });
  });

  it("treats an unknown flag as off", async () => {
    const service = new ConfigService({ config: fakeStore(), cache: createTestCache() });
    await expect(service.isEnabled("live-search")).resolves.toBe(true);
    await expect(service.isEnabled("not-there")).resolves.toBe(false);
  });

  it("validates a flag key before writing", async () => {
    const store = fakeStore();
    const service = new ConfigService({ config: store, cache: createTestCache() });
    await expect(service.setFlag({ key: "Bad Key", enabled: true })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(store.upsertFlag).not.toHaveBeenCalled();
    await expect(service.setFlag({ key: "new-flag", enabled: true })).resolves.toEqual({
      key: "new-flag",
      enabled: true,
      description: "",
    });
  });

  it("reads the config once a day at most, and again right after a flag changes", async () => {
    const store = fakeStore();
    const service = new ConfigService({ config: store, cache: createTestCache() });
    await service.isEnabled("live-search");
    await service.getConfig();
    expect(store.findAllFlags).toHaveBeenCalledOnce();
    await service.setFlag({ key: "live-search", enabled: false });
    await service.getConfig();
    expect(store.findAllFlags).toHaveBeenCalledTimes(2);
  });
});
