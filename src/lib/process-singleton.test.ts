import { describe, expect, it } from "vitest";
import { processSingleton } from "./process-singleton";

describe("processSingleton", () => {
  it("creates the value once and shares it with every copy of the module (another bundle)", () => {
    let created = 0;
    const first = processSingleton("test.shared", () => ({ n: ++created }));
    const secondBundle = processSingleton("test.shared", () => ({ n: ++created }));
    expect(first.get()).toBe(secondBundle.get());
    expect(created).toBe(1);
  });

  it("lets a script or test replace the value, and creates a new one after a reset", () => {
    const slot = processSingleton("test.replaceable", () => "created");
    slot.set("injected");
    expect(slot.get()).toBe("injected");
    slot.set(undefined);
    expect(slot.get()).toBe("created");
  });

  it("keeps values of different names apart", () => {
    expect(processSingleton("test.a", () => "a").get()).toBe("a");
    expect(processSingleton("test.b", () => "b").get()).toBe("b");
  });
});
