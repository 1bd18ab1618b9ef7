// The floor page's own Next.js app (scripts/lighthouse/calibrate.ts builds and starts it): the
// same Next.js and React as the app, built the same way (webpack), with Next's default document
// and nothing else.
/** @type {import('next').NextConfig} */
const config = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The app's `npm run typecheck` covers these files.
  typescript: { ignoreBuildErrors: true },
};

export default config;
