/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Pino and the PostgreSQL driver run as plain Node modules rather than bundled code.
  serverExternalPackages: ["pino", "pg", "@prisma/adapter-pg"],
};

export default nextConfig;
