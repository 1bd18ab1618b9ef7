import { describe, expect, it } from "vitest";
import { mayChange } from "./user.permissions";

describe("mayChange", () => {
  it("lets an owner change what is theirs, and nothing else", () => {
    expect(mayChange({ id: 7, role: "member" }, [7])).toBe(true);
    expect(mayChange({ id: 7, role: "member" }, [3, 7])).toBe(true);
    expect(mayChange({ id: 7, role: "member" }, [3])).toBe(false);
    expect(mayChange({ id: 7, role: "member" }, [])).toBe(false);
  });

  it("lets an admin change anything", () => {
    expect(mayChange({ id: 1, role: "admin" }, [3])).toBe(true);
    expect(mayChange({ id: 1, role: "admin" }, [])).toBe(true);
  });
});
