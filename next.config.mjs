/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly it loads from its own package folder; pg and ws are Node-only.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'ws', '@neondatabase/serverless'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
