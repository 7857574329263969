/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly it loads from its own package folder; pg and ws are Node-only.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'ws', '@neondatabase/serverless'],
  poweredByHeader: false,
  // The hot paths are small JSON bodies and Server-Sent Events: gzip here costs CPU per chunk and can hold
  // back streamed output. Vercel's edge (or your reverse proxy) compresses for the network.
  compress: false,
  typedRoutes: false,
};

export default nextConfig;
