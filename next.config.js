// Next renders the UI only; the custom server in server/main.ts owns HTTP, socket.io and the API.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Dev only: let pages opened through 127.0.0.1 hydrate (Next 16 blocks unknown dev origins).
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  // The server side of the app never bundles these; they belong to the custom server.
  serverExternalPackages: ['ioredis', 'pino'],
  // `npm test` type-checks the whole project (tsc --noEmit) before it builds; checking again
  // inside next build would only repeat it, slower.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
