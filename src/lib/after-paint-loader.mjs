// The one inline script of every page: it runs the page's scripts once the first paint is on
// screen (docs/decisions/0121-scripts-after-the-first-paint.md). src/pages/_document.tsx writes
// it, with the chunks in its data-chunks attribute; the Content-Security-Policy allows exactly
// this text by its hash (src/lib/security-headers.mjs). Plain JavaScript, as next.config.js loads
// it before anything is compiled; the script itself is ES5, to run in every browser.
import { createHash } from "node:crypto";

// Step by step:
// - `run` waits for the document to be parsed (Next.js reads __NEXT_DATA__ and #__next), then
//   inserts the chunks in order; inserted scripts with async = false run in insertion order, as
//   deferred ones do. Each src is the path Next.js wrote: its router looks a chunk up by it
//   (script[src^="/_next/…"]) before loading it again on a client-side navigation.
// - A page in the background paints nothing until it is shown: its scripts run at once.
// - The first contentful paint is reported once the frame is on screen, not when it is drawn;
//   without paint timing, the task queued by the next animation frame comes after the frame.
// - Should no paint be reported within 3 s, the page still becomes interactive.
export const AFTER_PAINT_LOADER = `(function () {
  var chunks = (document.currentScript.getAttribute("data-chunks") || "").split(" ");
  var started = false;
  function insert() {
    for (var i = 0; i < chunks.length; i++) {
      if (!chunks[i]) continue;
      var script = document.createElement("script");
      script.src = chunks[i];
      script.async = false;
      document.head.appendChild(script);
    }
  }
  function run() {
    if (started) return;
    started = true;
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", insert);
    else insert();
  }
  if (document.visibilityState === "hidden") return run();
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") run();
  });
  var types = typeof PerformanceObserver === "function" && PerformanceObserver.supportedEntryTypes;
  if (types && types.indexOf("paint") !== -1) {
    new PerformanceObserver(function (list, observer) {
      var entries = list.getEntries();
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].name === "first-contentful-paint") {
          observer.disconnect();
          return run();
        }
      }
    }).observe({ type: "paint", buffered: true });
  } else if (typeof requestAnimationFrame === "function") {
    requestAnimationFrame(function () {
      setTimeout(run, 0);
    });
  } else {
    return run();
  }
  setTimeout(run, 3000);
})();`;

/** The CSP source that allows the loader, and no other inline script. */
export const AFTER_PAINT_LOADER_HASH = `'sha256-${createHash("sha256").update(AFTER_PAINT_LOADER).digest("base64")}'`;
