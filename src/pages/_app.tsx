import { Analytics } from "@vercel/analytics/next";
import { SpeedInsights } from "@vercel/speed-insights/next";
import type { AppProps } from "next/app";
import { Suspense } from "react";
import { publicEnv } from "@/lib/public-env";

// Vercel sets NEXT_PUBLIC_VERCEL_ENV on its builds; elsewhere both scripts would request
// /_vercel/… paths that only Vercel serves, so they are not rendered at all (A1.3).
const onVercel = Boolean(publicEnv.NEXT_PUBLIC_VERCEL_ENV);

// The page sits in a Suspense boundary that never suspends: React then hydrates it after the
// root, in slices of a few milliseconds that yield to the browser, instead of in one long task
// (docs/decisions/0116-hydration-in-slices.md).
export default function App({ Component, pageProps }: AppProps) {
  return (
    <>
      <Suspense>
        <Component {...pageProps} />
      </Suspense>
      {onVercel && (
        <>
          <Analytics />
          <SpeedInsights />
        </>
      )}
    </>
  );
}
