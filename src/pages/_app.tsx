import { Analytics } from "@vercel/analytics/next";
import { SpeedInsights } from "@vercel/speed-insights/next";
import type { AppProps } from "next/app";
import { publicEnv } from "@/lib/public-env";

// Vercel sets NEXT_PUBLIC_VERCEL_ENV on its builds; elsewhere both scripts would request
// /_vercel/… paths that only Vercel serves, so they are not rendered at all (A1.3).
const onVercel = Boolean(publicEnv.NEXT_PUBLIC_VERCEL_ENV);

export default function App({ Component, pageProps }: AppProps) {
  return (
    <>
      <Component {...pageProps} />
      {onVercel && (
        <>
          <Analytics />
          <SpeedInsights />
        </>
      )}
    </>
  );
}
