import { describe, expect, it, vi } from "vitest";
import { createTestCache } from "#tests/cache";
import { ConfigService, FLAG_CHANGES_SHOWN, type ConfigStore } from "./config.service";

const operator = { source: "command_line" } as const;

function fakeStore(): ConfigStore {
  return {
    findAllFlags: vi.fn(async () => [{ key: "live-search", enabled: true, description: "" }]),
    findAllSettings: vi.fn(async () => [{ key: "siteName", value: "Scale" }]),
    upsertFlag: vi.fn(async (flag) => ({ ...flag, description: flag.description ?? "" })),
    findLatestFlagChanges: vi.fn(async () => []),
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
    await expect(service.setFlag({ key: "Bad Key", enabled: true }, operator)).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(store.upsertFlag).not.toHaveBeenCalled();
    await expect(service.setFlag({ key: "new-flag", enabled: true }, operator)).resolves.toEqual({
      key: "new-flag",
      enabled: true,
      description: "",
    });
  });

  it("reads a form's true and false, refuses anything else naming the field", async () => {
    const store = fakeStore();
    const service = new ConfigService({ config: store, cache: createTestCache() });
    await service.setFlag({ key: "beta", enabled: "false" }, operator);
    expect(store.upsertFlag).toHaveBeenLastCalledWith({ key: "beta", enabled: false }, operator);
    await expect(service.setFlag({ key: "beta", enabled: "yes" }, operator)).rejects.toMatchObject({
      details: { issues: [{ field: "enabled", message: "must be true or false" }] },
    });
  });

  it("hands who switched the flag to the store, which records it with the switch", async () => {
    const store = fakeStore();
    const service = new ConfigService({ config: store, cache: createTestCache() });
    await service.setFlag({ key: "beta", enabled: true }, { source: "console", userId: 7 });
    expect(store.upsertFlag).toHaveBeenCalledWith({ key: "beta", enabled: true }, { source: "console", userId: 7 });
    await service.listFlagChanges();
    expect(store.findLatestFlagChanges).toHaveBeenCalledWith(FLAG_CHANGES_SHOWN);
  });

  it("reads the config once a day at most, and again right after a flag changes", async () => {
    const store = fakeStore();
    const service = new ConfigService({ config: store, cache: createTestCache() });
    await service.isEnabled("live-search");
    await service.getConfig();
    expect(store.findAllFlags).toHaveBeenCalledOnce();
    await service.setFlag({ key: "live-search", enabled: false }, operator);
    await service.getConfig();
    expect(store.findAllFlags).toHaveBeenCalledTimes(2);
  });
});
