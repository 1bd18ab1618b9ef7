import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AFTER_PAINT_LOADER, AFTER_PAINT_LOADER_HASH } from "./after-paint-loader.mjs";

// The loader runs in the browser; here it runs in a stand-in for the few browser parts it uses,
// so each path (paint reported, document still parsing, background tab, no paint timing) is seen.

interface Options {
  visibility?: "visible" | "hidden";
  readyState?: "loading" | "interactive" | "complete";
  paintTiming?: boolean;
}

function loadPage({ visibility = "visible", readyState = "complete", paintTiming = true }: Options = {}) {
  const inserted: { src: string; async: boolean }[] = [];
  const listeners = new Map<string, (() => void)[]>();
  const frames: (() => void)[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  let reportPaints: ((list: { getEntries: () => { name: string }[] }, observer: unknown) => void) | undefined;
  let disconnected = false;

  const document = {
    currentScript: { getAttribute: (name: string) => (name === "data-chunks" ? "/a.js /b.js  /c.js" : null) },
    visibilityState: visibility,
    readyState,
    addEventListener: (type: string, listener: () => void) =>
      listeners.set(type, [...(listeners.get(type) ?? []), listener]),
    createElement: (tag: string) => {
      expect(tag).toBe("script");
      return { src: "", async: true };
    },
    head: { appendChild: (script: { src: string; async: boolean }) => inserted.push({ ...script }) },
  };
  const observer = { disconnect: () => (disconnected = true) };
  class PerformanceObserver {
    static supportedEntryTypes = paintTiming ? ["navigation", "paint", "resource"] : ["navigation", "resource"];
    constructor(callback: typeof reportPaints) {
      reportPaints = callback;
    }
    observe(options: unknown) {
      expect(options).toEqual({ type: "paint", buffered: true });
    }
  }

  new Function("document", "PerformanceObserver", "requestAnimationFrame", "setTimeout", AFTER_PAINT_LOADER)(
    document,
    PerformanceObserver,
    (callback: () => void) => frames.push(callback),
    (run: () => void, ms: number) => timers.push({ run, ms }),
  );

  return {
    inserted,
    document,
    timers,
    frames,
    disconnected: () => disconnected,
    paint: (...names: string[]) => reportPaints?.({ getEntries: () => names.map((name) => ({ name })) }, observer),
    fire: (type: string) => listeners.get(type)?.forEach((listener) => listener()),
  };
}

const CHUNKS = [
  { src: "/a.js", async: false },
  { src: "/b.js", async: false },
  { src: "/c.js", async: false },
];

describe("the after-paint loader", () => {
  it("runs no chunk before the first contentful paint, then each once, in order, as ordered scripts", () => {
    const page = loadPage();
    expect(page.inserted).toEqual([]);
    page.paint("first-paint");
    expect(page.inserted).toEqual([]);
    page.paint("first-contentful-paint");
    expect(page.inserted).toEqual(CHUNKS);
    expect(page.disconnected()).toBe(true);
    // The fallback timer, when it fires later, adds nothing.
    const fallback = page.timers.find((timer) => timer.ms === 3000);
    fallback?.run();
    expect(page.inserted).toEqual(CHUNKS);
  });

  it("waits for the document to be parsed, as Next.js reads __NEXT_DATA__ and #__next", () => {
    const page = loadPage({ readyState: "loading" });
    page.paint("first-contentful-paint");
    expect(page.inserted).toEqual([]);
    page.fire("DOMContentLoaded");
    expect(page.inserted).toEqual(CHUNKS);
  });

  it("runs them at once in a background tab, which paints nothing until shown", () => {
    expect(loadPage({ visibility: "hidden" }).inserted).toEqual(CHUNKS);
  });

  it("runs them when the tab is hidden before its first paint", () => {
    const page = loadPage();
    page.document.visibilityState = "hidden";
    page.fire("visibilitychange");
    expect(page.inserted).toEqual(CHUNKS);
  });

  it("runs them after 3 s should no paint be reported", () => {
    const page = loadPage();
    const fallback = page.timers.find((timer) => timer.ms === 3000);
    expect(fallback).toBeDefined();
    fallback?.run();
    expect(page.inserted).toEqual(CHUNKS);
  });

  it("without paint timing, runs them in the task after the next frame", () => {
    const page = loadPage({ paintTiming: false });
    expect(page.inserted).toEqual([]);
    expect(page.frames).toHaveLength(1);
    page.frames[0]!();
    expect(page.inserted).toEqual([]);
    page.timers.find((timer) => timer.ms === 0)?.run();
    expect(page.inserted).toEqual(CHUNKS);
  });

  it("is allowed by the hash of its exact text", () => {
    const digest = createHash("sha256").update(AFTER_PAINT_LOADER, "utf8").digest("base64");
    expect(AFTER_PAINT_LOADER_HASH).toBe(`'sha256-${digest}'`);
    expect(AFTER_PAINT_LOADER).not.toContain("</script");
  });
});
