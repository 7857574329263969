// On every response. Pages get their Content-Security-Policy (with a per-response nonce) from proxy.ts.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), display-capture=()' },
  // For browsers without CSP frame-ancestors.
  { key: 'X-Frame-Options', value: 'DENY' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // JSON and event streams load nothing: the strictest policy, should a response ever be shown as a page.
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
  // PGlite and QuickJS (the JavaScript evaluator's sandbox) ship WebAssembly they load from their own package
  // folders; pg and ws are Node-only.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'ws', '@neondatabase/serverless', 'quickjs-emscripten', 'quickjs-emscripten-core'],
  poweredByHeader: false,
  // The hot paths are small JSON bodies and Server-Sent Events: gzip here costs CPU per chunk and can hold
  // back streamed output. Vercel's edge (or your reverse proxy) compresses for the network.
  compress: false,
  typedRoutes: false,
  // The dev-mode badge sat over the editor's bottom-left corner.
  devIndicators: false,
};

export default nextConfig;
