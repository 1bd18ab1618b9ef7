import { Head, Html, Main, NextScript } from "next/document";
import { isValidElement, type ReactElement } from "react";
import { AFTER_PAINT_LOADER } from "@/lib/after-paint-loader.mjs";
import { GLOBAL_STYLES } from "@/styles/global-styles";

type DocumentFiles = Parameters<Head["getScripts"]>[0];

// Next.js writes each chunk as <script defer>, which a browser runs as soon as the document is
// parsed: when the chunks are already there (a cached repeat visit, a fast network), parsing and
// hydrating them comes before the first paint. Here an inline loader (src/lib/after-paint-loader.mjs)
// is given the chunks instead, and requests and runs them in the same order once the first paint
// is on screen (docs/decisions/0121-scripts-after-the-first-paint.md).
function chunkOf(element: ReactElement | null): string | undefined {
  if (!isValidElement<{ src?: string }>(element) || element.type !== "script") return undefined;
  return element.props.src;
}

/** The chunks' paths, and the elements that are not chunks (kept as Next.js wrote them). */
function splitChunks<Element extends ReactElement | null>(
  elements: Element[],
): { chunks: string[]; others: Element[] } {
  return {
    chunks: elements.map(chunkOf).filter((src) => src !== undefined),
    others: elements.filter((element) => chunkOf(element) === undefined),
  };
}

class HeadWithScriptsAfterPaint extends Head {
  override getDynamicChunks(files: DocumentFiles) {
    return splitChunks(super.getDynamicChunks(files)).others;
  }

  override getScripts(files: DocumentFiles) {
    // Next.js runs the dynamic chunks before the page's own scripts; the loader keeps that order.
    const dynamic = splitChunks(super.getDynamicChunks(files));
    const page = splitChunks(super.getScripts(files));
    return [
      ...page.others,
      <script
        key="after-paint"
        data-chunks={[...dynamic.chunks, ...page.chunks].join(" ")}
        dangerouslySetInnerHTML={{ __html: AFTER_PAINT_LOADER }}
      />,
    ];
  }
}

export default function Document() {
  return (
    <Html lang="en">
      <HeadWithScriptsAfterPaint>
        <meta name="theme-color" content="#1d4ed8" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <style dangerouslySetInnerHTML={{ __html: GLOBAL_STYLES }} />
      </HeadWithScriptsAfterPaint>
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
